using Scriban.Syntax;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>
/// What a tenant template may not contain, checked on its syntax tree before it is ever rendered. The report model is
/// read-only, so a template needs no variables of its own: refusing assignments, <c>capture</c>, functions and the
/// few built-ins whose output can be many times their input (or that evaluate text as a template) leaves no way to
/// grow memory faster than the template's own size. Loops, recursion, output and time stay bounded by the sandbox.
/// </summary>
internal static class TenantTemplateRules
{
    static readonly string[] Namespaces = ["array", "date", "html", "math", "object", "regex", "string", "timespan"];

    /// <summary>Built-ins refused by name, with what to use instead.</summary>
    static readonly Dictionary<string, string> RefusedFunctions = new(StringComparer.Ordinal)
    {
        ["eval"] = "it renders text as a template",
        ["eval_template"] = "it renders text as a template",
        ["pad_left"] = "its output can be far longer than its input",
        ["pad_right"] = "its output can be far longer than its input",
        ["replace"] = "its output can be far longer than its input",
        ["insert_at"] = "its output can be far longer than its input",
        ["times"] = "its output can be far longer than its input",
        ["format"] = "its output can be far longer than its input (a format such as D999999999)",
    };

    const string ReadOnly = "A tenant template may only read the report model: it cannot set variables, capture output or define functions.";

    /// <exception cref="InvalidMeetingException">The first refused construct, with its line and column.</exception>
    public static void EnsureAllowed(ScriptPage page)
    {
        var pending = new Stack<ScriptNode>();
        pending.Push(page);
        (ScriptNode Node, string What, string Advice)? first = null;
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (Problem(node) is var (what, advice) && (first is null || Before(node, first.Value.Node)))
                first = (node, what, advice);
            foreach (var child in node.Children)
                if (child is not null)
                    pending.Push(child);
        }

        if (first is var (refused, refusedWhat, refusedAdvice))
        {
            var line = refused.Span.Start.Line + 1;
            var column = refused.Span.Start.Column + 1;
            throw new InvalidMeetingException($"The page template {refusedWhat} at line {line}, column {column} (`{Excerpt(refused)}`). {refusedAdvice}", line, column);
        }
    }

    static (string What, string Advice)? Problem(ScriptNode node) => node switch
    {
        ScriptAssignExpression => ("assigns a variable", ReadOnly),
        ScriptIncrementDecrementExpression => ("changes a variable", ReadOnly),
        ScriptCaptureStatement => ("uses `capture`", ReadOnly),
        ScriptFunction or ScriptAnonymousFunction => ("defines a function", ReadOnly),
        ScriptWithStatement => ("uses `with`", ReadOnly),
        ScriptImportStatement => ("uses `import`", ReadOnly),
        ScriptWrapStatement => ("uses `wrap`", ReadOnly),
        ScriptMemberExpression { Member.Name: { } name } when RefusedFunctions.TryGetValue(name, out var why) => Refused(name, why),
        ScriptIndexerExpression { Index: ScriptLiteral { Value: string name } } when RefusedFunctions.TryGetValue(name, out var why) => Refused(name, why),
        ScriptIndexerExpression { Target: ScriptVariableGlobal { Name: var ns } } when Namespaces.Contains(ns) =>
            ($"looks up a function of `{ns}` by name", "Call built-in functions by their name, e.g. `string.upcase`."),
        ScriptIndexerExpression { Target: ScriptThisExpression } or ScriptMemberExpression { Target: ScriptThisExpression } =>
            ("reaches variables through `this`", "Use the report model's names directly, e.g. `team`."),
        _ => null,
    };

    static (string, string) Refused(string name, string why) => ($"calls `{name}`", $"`{name}` is not available in tenant templates: {why}.");

    static bool Before(ScriptNode a, ScriptNode b) =>
        a.Span.Start.Line < b.Span.Start.Line || (a.Span.Start.Line == b.Span.Start.Line && a.Span.Start.Column < b.Span.Start.Column);

    static string Excerpt(ScriptNode node)
    {
        // A statement prints with its body ("capture s}}{{team}}{{end"): its head is enough to find it.
        var text = node.ToString() ?? "";
        var head = text.IndexOf("}}", StringComparison.Ordinal);
        if (head > 0)
            text = text[..head];
        return text.Length <= 40 ? text : text[..40] + "…";
    }
}
