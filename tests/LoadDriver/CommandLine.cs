using System.Globalization;

namespace TeamRetro.Confluence.LoadDriver;

/// <summary>Positional numbers and <c>--name value</c> options.</summary>
public sealed class CommandLine
{
    readonly List<string> positional = [];
    readonly Dictionary<string, string> named = new(StringComparer.OrdinalIgnoreCase);

    public static CommandLine Parse(string[] args)
    {
        var line = new CommandLine();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
                line.positional.Add(args[i]);
            else if (i + 1 < args.Length)
                line.named[args[i][2..]] = args[++i];
            else
                throw new ArgumentException($"{args[i]} needs a value");
        }

        return line;
    }

    public int Positional(int index, int fallback) =>
        index < positional.Count ? int.Parse(positional[index], CultureInfo.InvariantCulture) : fallback;

    public string Get(string name, string fallback) => named.GetValueOrDefault(name, fallback);
}
