using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Crm.Core.Common;
using Crm.Local.Hosting;

namespace Crm.Tests.Fixtures;

/// <summary>
/// Crm.Local as a real separate process, on its own in-memory Azurite (empty at start, so the demo
/// tenant is seeded as on a new machine) and a free port, driven over HTTP exactly as a user would.
/// Its console output is kept for failure messages.
/// </summary>
public sealed class CrmLocalFixture : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private AzuriteProcess? _azurite;
    private Process? _process;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

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

    public async ValueTask InitializeAsync()
    {
        // The test output path is …/tests/Crm.Tests/bin/<Configuration>/net10.0/; Crm.Local builds beside it.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(AzuriteFixture.RepoRoot, "functions", "Crm.Local", "bin", configuration, "net10.0", "Crm.Local.dll");
        _azurite = await AzuriteProcess.StartAsync(
            AzuriteFixture.RepoRoot, AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), dataFolder: null, Append, CancellationToken.None);
        var port = AzuriteProcess.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["Storage"] = _azurite.ConnectionString,
                ["AzureWebJobsStorage"] = _azurite.ConnectionString,
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["SeedDemoTenant"] = "true",
            },
        };
        start.ArgumentList.Add(dll);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Http.BaseAddress = new Uri($"http://127.0.0.1:{port}/api/");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Crm.Local did not start:\n{Output}");
            }

            try
            {
                if ((await Http.GetAsync("sandbox/rules")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }
    }

    public Task<T?> GetAsync<T>(string path) => Http.GetFromJsonAsync<T>(path, CrmJson.Options);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
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
