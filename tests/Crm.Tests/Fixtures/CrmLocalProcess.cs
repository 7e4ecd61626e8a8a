using System.Diagnostics;
using System.Text;
using Crm.Local.Hosting;

namespace Crm.Tests.Fixtures;

/// <summary>
/// One run of Crm.Local as a separate process on a given storage account and port, started as a
/// user starts it (dotnet Crm.Local.dll), with extra settings as environment variables. It can be
/// killed like a crashed host (SIGKILL, nothing flushed) and started again on the same storage.
/// Its console output is kept for failure messages.
/// </summary>
public sealed class CrmLocalProcess : IAsyncDisposable
{
    private readonly StringBuilder _output;
    private readonly Process _process;

    private CrmLocalProcess(Process process, StringBuilder output, int port)
    {
        _process = process;
        _output = output;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/api/");
    }

    public Uri BaseAddress { get; }

    /// <summary>Whether the process has ended (killed, or exited by itself).</summary>
    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts Crm.Local and waits until it answers HTTP (a minute at most).</summary>
    public static async Task<CrmLocalProcess> StartAsync(string connectionString, int port, IReadOnlyDictionary<string, string>? settings = null, StringBuilder? output = null)
    {
        // The test output path is …/tests/Crm.Tests/bin/<Configuration>/net10.0/; Crm.Local builds beside it.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(AzuriteFixture.RepoRoot, "functions", "Crm.Local", "bin", configuration, "net10.0", "Crm.Local.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["Storage"] = connectionString,
                ["AzureWebJobsStorage"] = connectionString,
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["SeedDemoTenant"] = "true",
            },
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(dll);
        output ??= new StringBuilder();
        var process = Process.Start(start)!;
        var local = new CrmLocalProcess(process, output, port);
        process.OutputDataReceived += (_, e) => local.Append(e.Data);
        process.ErrorDataReceived += (_, e) => local.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = local.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Crm.Local did not start:\n{local.Output}");
            }

            try
            {
                if ((await http.GetAsync("sandbox/rules")).IsSuccessStatusCode)
                {
                    return local;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }
    }

    /// <summary>kill -9: the process ends at once, in the middle of whatever it was doing.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
