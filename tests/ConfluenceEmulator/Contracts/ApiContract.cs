using System.Text.Json;
using System.Text.RegularExpressions;

namespace TeamRetro.Confluence.Emulator.Contracts;

public sealed record ContractFields(IReadOnlyList<string> Allowed, IReadOnlyList<string> Required);

public sealed record ContractHeaders(IReadOnlyList<string> Required);

/// <param name="Path">Relative to the site root, with <c>{id}</c>-style placeholders.</param>
/// <param name="Json">The JSON body's fields, or null when the operation takes no JSON body; likewise <paramref name="Multipart"/>.</param>
public sealed record ContractOperation(string OperationId, string Method, string Path, ContractFields Query, ContractFields? Json,
    ContractFields? Multipart, ContractHeaders Headers);

/// <summary>
/// What Atlassian's own description of a product allows a request to send (Contracts/*.json, extracted by hand from
/// Atlassian's specs): <see cref="Violations"/> names every operation, query parameter, body field or header the
/// description does not have, and every one it requires that is missing.
/// </summary>
public sealed class ApiContract
{
    static readonly Lazy<ApiContract> cloudV1 = new(() => Load("Cloud v1", "cloud-v1.json"));
    static readonly Lazy<ApiContract> cloudV2 = new(() => Load("Cloud v2", "cloud-v2.json"));
    static readonly Lazy<ApiContract> cloud = new(() => Combined("Cloud", CloudV1, CloudV2));
    static readonly Lazy<ApiContract> dataCenter = new(() => Load("Data Center", "datacenter.json"));
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    readonly (ContractOperation Operation, Regex Path)[] operations;

    ApiContract(string name, IReadOnlyList<string> sources, IReadOnlyList<ContractOperation> operations)
    {
        Name = name;
        Sources = sources;
        Operations = operations;
        this.operations = operations.Select(o => (o, PathPattern(o.Path))).ToArray();
    }

    public static ApiContract CloudV1 => cloudV1.Value;

    public static ApiContract CloudV2 => cloudV2.Value;

    /// <summary>A Cloud site answers both generations: v1 and v2 together.</summary>
    public static ApiContract Cloud => cloud.Value;

    public static ApiContract DataCenter => dataCenter.Value;

    public string Name { get; }

    public IReadOnlyList<string> Sources { get; }

    public IReadOnlyList<ContractOperation> Operations { get; }

    public static ApiContract Combined(string name, params ApiContract[] parts) =>
        new(name, parts.SelectMany(p => p.Sources).ToList(), parts.SelectMany(p => p.Operations).ToList());

    public IReadOnlyList<string> Violations(ContractRequest request)
    {
        var method = request.Method.ToUpperInvariant();
        var at = $"{method} {request.Path}";
        var onPath = operations.Where(o => o.Path.IsMatch(request.Path)).ToList();
        var operation = onPath.FirstOrDefault(o => o.Operation.Method == method).Operation;
        if (operation is null)
        {
            return onPath.Count == 0
                ? [$"{at} is not an operation of {Name}"]
                : [$"{method} {onPath[0].Operation.Path} is not an operation of {Name} (it describes {string.Join(", ", onPath.Select(o => o.Operation.Method))} there)"];
        }

        var described = $"in Atlassian's description ({operation.OperationId})";
        var violations = new List<string>();
        Names("query", operation.Query, request.QueryKeys);
        Body("JSON", operation.Json, request.JsonFields);
        Body("multipart", operation.Multipart, request.MultipartFields);
        foreach (var header in operation.Headers.Required)
        {
            if (!request.Headers.Any(h => string.Equals(h, header, StringComparison.OrdinalIgnoreCase)))
                violations.Add($"{at}: required header '{header}' is missing ({operation.OperationId})");
        }
        return violations;

        void Body(string kind, ContractFields? fields, IReadOnlyList<string>? sent)
        {
            if (fields is null)
            {
                if (sent is not null)
                    violations.Add($"{at}: a {kind} body is not {described}");
                return;
            }
            if (kind == "JSON")
                JsonNames(fields, sent ?? []);
            else
                Names(kind, fields, sent ?? []);
        }

        void Names(string kind, ContractFields fields, IReadOnlyList<string> sent)
        {
            foreach (var name in sent.Distinct(StringComparer.Ordinal).Where(n => !fields.Allowed.Contains(n, StringComparer.Ordinal)))
                violations.Add($"{at}: {kind} '{name}' is not {described}");
            foreach (var name in fields.Required.Where(r => !sent.Contains(r, StringComparer.Ordinal)))
                violations.Add($"{at}: required {kind} '{name}' is missing ({operation.OperationId})");
        }

        void JsonNames(ContractFields fields, IReadOnlyList<string> sent)
        {
            foreach (var field in sent.Where(f => !fields.Allowed.Any(a => Allows(a, f))))
                violations.Add($"{at}: JSON field '{field}' is not {described}");
            // A nested required field binds only when its parent is sent: space.key when there is a space, ancestors[].id when an ancestor has fields.
            foreach (var required in fields.Required.Where(r => ParentSent(r, sent) && !Sends(sent, r)))
                violations.Add($"{at}: required JSON field '{required}' is missing ({operation.OperationId})");
        }
    }

    static bool Allows(string allowed, string field)
    {
        if (allowed.EndsWith(".*", StringComparison.Ordinal))
            return Within(field, allowed[..^2]);
        // An empty object or array sent on the way to documented leaves ("ancestors": []) is documented too.
        return allowed == field || allowed.StartsWith(field + ".", StringComparison.Ordinal) || allowed.StartsWith(field + "[]", StringComparison.Ordinal);
    }

    static bool Within(string field, string prefix) =>
        field == prefix || field.StartsWith(prefix + ".", StringComparison.Ordinal) || field.StartsWith(prefix + "[]", StringComparison.Ordinal);

    static bool Sends(IReadOnlyList<string> sent, string path) => sent.Any(f => Within(f, path));

    static bool ParentSent(string required, IReadOnlyList<string> sent)
    {
        var dot = required.LastIndexOf('.');
        if (dot < 0)
            return true;
        var parent = required[..dot];
        return parent.EndsWith("[]", StringComparison.Ordinal)
            ? sent.Any(f => f.StartsWith(parent + ".", StringComparison.Ordinal))
            : Sends(sent, parent);
    }

    static Regex PathPattern(string template) =>
        new("^" + Regex.Replace(Regex.Escape(template), @"\\\{[A-Za-z]+}", "[A-Za-z0-9-]+") + "$", RegexOptions.CultureInvariant);

    static ApiContract Load(string name, string file)
    {
        using var stream = typeof(ApiContract).Assembly.GetManifestResourceStream($"Contracts.{file}")
            ?? throw new InvalidOperationException($"The embedded contract Contracts.{file} is missing.");
        var document = JsonSerializer.Deserialize<ContractDocument>(stream, Json)
            ?? throw new InvalidOperationException($"The embedded contract Contracts.{file} is empty.");
        return new ApiContract(name, [document.Source], document.Operations);
    }

    sealed record ContractDocument(string Source, IReadOnlyList<ContractOperation> Operations);
}
