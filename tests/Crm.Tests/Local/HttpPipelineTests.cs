using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Core.Api;
using Crm.Core.Audiences;
using Crm.Core.Functions;
using Crm.Local.Hosting;
using Crm.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Tests.Local;

/// <summary>Crm.Local's ASP.NET pipeline in this process, on Kestrel: catalog routes bound to handlers made to throw or to read a body.</summary>
public sealed class HttpPipelineTests : IAsyncLifetime
{
    private readonly ListLogger<ApiPipeline> _log = new();
    private WebApplication? _app;
    private HttpClient? _http;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var port = AzuriteProcess.FreePort();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ILogger<ApiPipeline>>(_log);
        builder.Services.AddSingleton<ApiPipeline>();
        _app = builder.Build();
        HttpFunctionEndpoint.UsePipeline(_app);
        HttpFunctionEndpoint.Map(_app, FunctionCatalog.Get(FunctionCatalog.GetWallet), (_, _) => throw new InvalidOperationException("Table CrmWallets is gone; see Crm.Storage.Credits.TableWalletStore"));
        HttpFunctionEndpoint.Map(_app, FunctionCatalog.Get(FunctionCatalog.RecordOptOut), (request, ct) => ApiErrors.HandleAsync(async () =>
            new ApiResponse(200, await ApiBody.ReadAsync<OptOutRequest>(request.Body, ct))));
        await _app.StartAsync(Ct);
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/api/") };
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_route_that_throws_answers_a_500_problem_with_its_trace_id_in_header_and_body_and_logs_it()
    {
        var response = await _http!.GetAsync("tenants/t1/wallet", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var traceId = Assert.Single(response.Headers.GetValues(ApiPipeline.TraceIdHeader));
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(traceId, JsonDocument.Parse(text).RootElement.GetProperty("traceId").GetString());
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Crm", text, StringComparison.Ordinal);
        var entry = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains(traceId, entry.Message, StringComparison.Ordinal);
        Assert.Contains(FunctionCatalog.GetWallet, entry.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(entry.Exception);
    }

    [Fact]
    public async Task A_body_over_the_routes_limit_is_a_413_naming_it_also_when_sent_in_chunks_without_a_length()
    {
        var body = new string(' ', (int)BodyLimits.Object) + """{ "phone": "010-1234-5678" }""";
        var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "tenants/t1/opt-outs") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await _http!.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("65,536 bytes", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task A_body_within_the_limit_is_read_and_the_answer_carries_a_trace_id()
    {
        var response = await _http!.PostAsJsonAsync("tenants/t1/opt-outs", new { phone = "010-1234-5678" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("^[0-9a-f]{32}$", Assert.Single(response.Headers.GetValues(ApiPipeline.TraceIdHeader)));
    }
}
