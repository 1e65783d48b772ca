using System.Net;
using System.Text;

namespace TeamRetro.Confluence.Emulator;

/// <summary>A read-only page for people: the spaces, pages and attachments the emulator holds, and a page's body.</summary>
internal static class HtmlView
{
    public static void MapHtmlView(this IEndpointRouteBuilder app, EmulatorState state)
    {
        app.MapGet("/", () =>
        {
            var html = new StringBuilder("<h1>Confluence emulator</h1>");
            foreach (var space in state.Spaces)
            {
                html.Append($"<h2>Space {E(space.Key)}</h2><ul>");
                foreach (var page in state.Pages.Where(p => p.SpaceKey == space.Key).OrderBy(p => p.ParentId is null ? 0 : 1).ThenBy(p => p.Title, StringComparer.Ordinal))
                    html.Append($"<li><a href=\"/view/pages/{page.Id}\">{E(page.Title)}</a> (v{page.Version}{(page.ParentId is null ? "" : $", child of {page.ParentId}")})</li>");
                html.Append("</ul>");
            }

            return Results.Content(Document("Confluence emulator", html.ToString()), "text/html; charset=utf-8");
        });

        app.MapGet("/view/pages/{id}", (string id) =>
        {
            var page = state.Pages.FirstOrDefault(p => p.Id == id);
            if (page is null)
                return Results.NotFound();
            var attachments = string.Concat(state.AttachmentsOf(id).Select(a =>
                $"<li><a href=\"/download/attachments/{id}/{Uri.EscapeDataString(a.FileName)}\">{E(a.FileName)}</a> (v{a.Version}, {a.Data.Length:N0} bytes)</li>"));
            // The body is storage XML written by the publisher, shown roughly as Confluence shows its macros.
            var html = $"<p><a href=\"/\">All pages</a></p><h1>{E(page.Title)}</h1><p>Version {page.Version}: {E(page.VersionMessage ?? "")}</p>"
                + $"<div class=\"body\">{StorageView.ToHtml(page.Body, page.Id)}</div><h2>Attachments</h2><ul>{attachments}</ul>";
            return Results.Content(Document(page.Title, html), "text/html; charset=utf-8");
        });
    }

    static string Document(string title, string body) =>
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{E(title)}</title><style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:4px}}th{{background:#F4F5F7;text-align:left}}{StorageView.Css}</style></head><body>{body}</body></html>";

    static string E(string text) => WebUtility.HtmlEncode(text);
}
