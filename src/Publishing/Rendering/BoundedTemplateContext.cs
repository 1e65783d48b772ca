using System.Numerics;
using Scriban;
using Scriban.Syntax;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>
/// A template context that refuses to build any string longer than <see cref="TemplateLimits.MaxStringLength"/>:
/// every evaluated value is checked, and <c>text * count</c> (which repeats the text) is checked before it allocates.
/// With <see cref="TenantTemplateRules"/> this bounds what one render can allocate, which Scriban's own limits
/// (loops, recursion, output, time) do not.
/// </summary>
internal sealed class BoundedTemplateContext : TemplateContext
{
    public override object? Evaluate(ScriptNode? scriptNode, bool aliasReturnedFunction)
    {
        if (scriptNode is ScriptBinaryExpression { Operator: ScriptBinaryOperator.Multiply } multiply)
            return Multiply(multiply);
        return Bounded(scriptNode, base.Evaluate(scriptNode, aliasReturnedFunction));
    }

    object? Multiply(ScriptBinaryExpression node)
    {
        var left = Evaluate(node.Left, false);
        var right = Evaluate(node.Right, false);
        var (text, count) = left is string l ? (l, right) : right is string r ? (r, left) : (null, null);
        if (text is not null && Repeats(count) is { } times && text.Length * times > TemplateLimits.MaxStringLength)
            throw TooLong(node);
        return Bounded(node, ScriptBinaryExpression.Evaluate(this, node.Span, node.Operator, node.Left?.Span ?? node.Span, left, node.Right?.Span ?? node.Span, right));
    }

    static BigInteger? Repeats(object? count) => count switch
    {
        int i => i,
        long l => l,
        BigInteger b => b,
        double d when !double.IsNaN(d) && !double.IsInfinity(d) => new BigInteger(d),
        float f when !float.IsNaN(f) && !float.IsInfinity(f) => new BigInteger(f),
        decimal m => new BigInteger(m),
        _ => null,
    };

    static object? Bounded(ScriptNode? node, object? result) =>
        result is string { Length: > TemplateLimits.MaxStringLength } ? throw TooLong(node) : result;

    static ScriptRuntimeException TooLong(ScriptNode? node) =>
        new(node?.Span ?? default, $"This expression builds text longer than {TemplateLimits.MaxStringLength:N0} characters, more than a report page can hold.");
}
