using System.Diagnostics;

namespace TeamRetro.Confluence.Integration.Tests.Infrastructure;

/// <summary>Runs a machine tool (rabbitmqctl, pg_ctlcluster) and returns what it printed; a non-zero exit throws with its stderr.</summary>
public static class Shell
{
    /// <param name="asRoot">Through sudo unless the tests already run as root (the tools that stop servers need it).</param>
    public static async Task<string> Run(string command, IEnumerable<string> args, bool asRoot = false)
    {
        var viaSudo = asRoot && Environment.UserName != "root";
        var start = new ProcessStartInfo(viaSudo ? "sudo" : command) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (viaSudo)
            start.ArgumentList.Add(command);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} could not be started");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} {string.Join(' ', start.ArgumentList)} failed: {await stderr}");
        return stdout;
    }
}
