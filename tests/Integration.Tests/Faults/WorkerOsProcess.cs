using System.Diagnostics;
using System.Text;

namespace TeamRetro.Confluence.Integration.Tests.Faults;

/// <summary>
/// The Worker as its own operating-system process (`dotnet TeamRetro.Confluence.Worker.dll`, configured through the
/// environment), so a test can SIGKILL it mid-run the way a crash or an OOM kill would.
/// </summary>
public sealed class WorkerOsProcess : IAsyncDisposable
{
    readonly Process process;
    readonly StringBuilder log = new();
    readonly string directory;

    WorkerOsProcess(Process process, string directory) => (this.process, this.directory) = (process, directory);

    public string Log
    {
        get { lock (log) return log.ToString(); }
    }

    public bool HasExited => process.HasExited;

    public static async Task<WorkerOsProcess> StartAsync(IDictionary<string, string?> settings)
    {
        var directory = Directory.CreateTempSubdirectory("teamretro-worker-").FullName; // content root: no appsettings.json
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TeamRetro.Confluence.Worker.dll"));
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__LogLevel__Default"] = "Information";

        var process = new Process { StartInfo = start };
        var worker = new WorkerOsProcess(process, directory);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await worker.WaitForLog("Bus started", TimeSpan.FromSeconds(60));
        return worker;
    }

    /// <summary>SIGKILL: no shutdown, no acknowledgements, no flush. What RabbitMQ and PostgreSQL hold is all that survives.</summary>
    public async Task Kill()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    async Task WaitForLog(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Log.Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"The worker did not log '{text}' (exited: {process.HasExited}). Its log:\n{Log}");
            await Task.Delay(50);
        }
    }

    void Append(string? line)
    {
        if (line is null)
            return;
        lock (log) log.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
