using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TeamRetro.Confluence.LoadDriver;

/// <summary>The Confluence emulator in its own process, so its memory (every page and PDF) is not counted as the worker's.</summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    public const string User = "publisher";
    public const string Password = "load-driver-password";
    readonly Process process;

    EmulatorProcess(Process process, Uri baseUrl) => (this.process, BaseUrl) = (process, baseUrl);

    public Uri BaseUrl { get; }

    public int ProcessId => process.Id;

    public static async Task<EmulatorProcess> StartAsync(TimeSpan latency)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");

        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TeamRetro.Confluence.Emulator.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl.AbsoluteUri);
        start.Environment["Emulator__Users__0__Name"] = User;
        start.Environment["Emulator__Users__0__Password"] = Password;
        start.Environment["Emulator__Latency"] = latency.ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The emulator did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                (await http.GetAsync(baseUrl)).EnsureSuccessStatusCode();
                return new EmulatorProcess(process, baseUrl);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
