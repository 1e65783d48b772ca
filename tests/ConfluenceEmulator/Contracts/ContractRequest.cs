using System.Text.Json;

namespace TeamRetro.Confluence.Emulator.Contracts;

/// <summary>One request as a contract checks it: names only, never values.</summary>
/// <param name="Path">Relative to the site root, without a leading slash or the query (e.g. "rest/api/content/98001").</param>
/// <param name="QueryKeys">The query's parameter names, repeats allowed.</param>
/// <param name="JsonFields">Every leaf of a JSON body as a dotted path (see <see cref="JsonFieldPaths"/>), or null without a JSON body.</param>
/// <param name="MultipartFields">The names of a multipart body's parts, or null without a multipart body.</param>
/// <param name="Headers">The request's header names.</param>
public sealed record ContractRequest(
    string Method,
    string Path,
    IReadOnlyList<string> QueryKeys,
    IReadOnlyList<string>? JsonFields,
    IReadOnlyList<string>? MultipartFields,
    IReadOnlyList<string> Headers)
{
    /// <summary>
    /// The dotted path of every leaf: objects give <c>a.b</c>, arrays of objects <c>a[].b</c>, arrays of scalars <c>a[]</c>;
    /// an empty object or array is a leaf at its own path (<c>a</c>, <c>a[]</c>).
    /// </summary>
    public static IReadOnlyList<string> JsonFieldPaths(JsonElement root)
    {
        var paths = new List<string>();
        Walk(root, "", paths);
        return paths.Distinct(StringComparer.Ordinal).ToList();
    }

    static void Walk(JsonElement element, string path, List<string> paths)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var any = false;
                foreach (var property in element.EnumerateObject())
                {
                    any = true;
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", paths);
                }
                if (!any && path.Length > 0)
                    paths.Add(path);
                break;
            case JsonValueKind.Array:
                if (element.GetArrayLength() == 0)
                    paths.Add(path + "[]");
                foreach (var item in element.EnumerateArray())
                    Walk(item, path + "[]", paths);
                break;
            default:
                if (path.Length > 0)
                    paths.Add(path);
                break;
        }
    }
}
