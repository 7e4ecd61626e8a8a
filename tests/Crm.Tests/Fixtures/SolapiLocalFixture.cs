using System.Net.Http.Json;
using System.Text;
using Crm.Core.Common;
using Crm.Core.Functions;
using Crm.Local.Hosting;
using Crm.Tests.Providers;

namespace Crm.Tests.Fixtures;

/// <summary>
/// Crm.Local sending through its Solapi adapter to <see cref="SolapiStub"/> (which calls the CRM's
/// report webhook back), on its own in-memory Azurite, with report windows of 10 seconds and a
/// 1-second poll, so report timing is seen in seconds.
/// </summary>
public sealed class SolapiLocalFixture : ICrmHost, IAsyncLifetime
{
    public const string ReportSecret = "e2e-report-secret-7f3a";

    private readonly StringBuilder _output = new();
    private AzuriteProcess? _azurite;
    private CrmLocalProcess? _process;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    internal SolapiStub Stub { get; private set; } = null!;

    public Uri ReportUrl => new(Http.BaseAddress!, $"delivery-reports/{ReportSecret}");

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
        Stub = await SolapiStub.StartAsync();
        _azurite = await AzuriteProcess.StartAsync(
            AzuriteFixture.RepoRoot, AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), dataFolder: null,
            line => { lock (_output) { _output.AppendLine(line); } }, CancellationToken.None);
        var settings = new Dictionary<string, string>
        {
            [SettingNames.MessagingProvider] = "Solapi",
            [SettingNames.SolapiApiKey] = Stub.ApiKey,
            [SettingNames.SolapiApiSecret] = Stub.ApiSecret,
            [SettingNames.SolapiBaseUrl] = Stub.BaseUrl.ToString(),
            [SettingNames.DeliveryReportsSecret] = ReportSecret,
            [SettingNames.DeliveryReportsKakaoWindow] = "00:00:10",
            [SettingNames.DeliveryReportsMessageWindow] = "00:00:10",
            [SettingNames.DeliveryReportsPollInterval] = "00:00:01",
        };
        _process = await CrmLocalProcess.StartAsync(_azurite.ConnectionString, AzuriteProcess.FreePort(), settings, _output);
        Http.BaseAddress = _process.BaseAddress;
        Stub.CallbackUrl = ReportUrl;
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

        await Stub.DisposeAsync();
    }
}
