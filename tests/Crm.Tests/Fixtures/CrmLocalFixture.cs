using System.Net.Http.Json;
using System.Text;
using Crm.Core.Common;
using Crm.Local.Hosting;

namespace Crm.Tests.Fixtures;

/// <summary>
/// Crm.Local as a real separate process, on its own in-memory Azurite (empty at start, so the demo
/// tenant is seeded as on a new machine) and a free port, driven over HTTP exactly as a user would.
/// Its console output (and Azurite's) is kept for failure messages.
/// </summary>
public sealed class CrmLocalFixture : ICrmHost, IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private AzuriteProcess? _azurite;
    private CrmLocalProcess? _process;

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
        _azurite = await AzuriteProcess.StartAsync(
            AzuriteFixture.RepoRoot, AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), dataFolder: null,
            line => { lock (_output) { _output.AppendLine(line); } }, CancellationToken.None);
        _process = await CrmLocalProcess.StartAsync(_azurite.ConnectionString, AzuriteProcess.FreePort(), output: _output);
        Http.BaseAddress = _process.BaseAddress;
    }

    public Task<T?> GetAsync<T>(string path) => Http.GetFromJsonAsync<T>(path, CrmJson.Options);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
