using Crm.Core;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Crm.Providers;
using Crm.Storage;
using Crm.Storage.Clients;
using Crm.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The same registrations as Crm.Local: Core's use cases on Table/Queue Storage and the configured provider.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// After the ASP.NET Core integration's middleware, so it runs inside it with the request's HttpContext.
builder.UseMiddleware<ApiPipelineMiddleware>();
builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();

// The Application Insights SDK adds a rule that keeps only Warning and above; remove it so
// host.json's log levels (Information for the CRM's batch and dispatch logs) apply.
builder.Logging.Services.Configure<LoggerFilterOptions>(options =>
{
    var rule = options.Rules.FirstOrDefault(r => r.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
    if (rule is not null)
    {
        options.Rules.Remove(rule);
    }
});

string? Setting(string name) => builder.Configuration[name.Replace("__", ":", StringComparison.Ordinal)];

// One JSON contract: the Durable extension serializes orchestration and activity payloads with the
// worker's serializer, so it gets CrmJson's options, the ones Crm.Local's engine uses.
builder.Services.Configure<WorkerOptions>(options => options.Serializer = DurableJson.WorkerSerializer);

builder.Services.AddCrmCore().AddCrmStorage(StorageOptions.FromSettings(Setting, SettingNames.Storage)).AddCrmProviders(Setting);
builder.Services.AddHostedService<StorageInitializerService>();
builder.Build().Run();
