using Crm.Core;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Crm.Providers;
using Crm.Storage;
using Crm.Storage.Clients;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The same registrations as Crm.Local: Core's use cases on Table/Queue Storage and the configured provider.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();

string? Setting(string name) => builder.Configuration[name.Replace("__", ":", StringComparison.Ordinal)];

builder.Services.AddCrmCore().AddCrmStorage(StorageOptions.FromSettings(Setting, SettingNames.Storage)).AddCrmProviders(Setting);
builder.Services.AddHostedService<StorageInitializerService>();
builder.Build().Run();
