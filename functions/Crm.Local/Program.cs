using Crm.Core;
using Crm.Core.Credits;
using Crm.Core.Functions;
using Crm.Core.Tenants;
using Crm.Local.Functions;
using Crm.Local.Durable;
using Crm.Local.Hosting;
using Crm.Local.Queues;
using Crm.Local.Sandbox;
using Crm.Local.Timers;
using Crm.Providers;
using Crm.Storage;
using Crm.Storage.Clients;
using Crm.Storage.Delivery;

// Crm.Local: every function of the CRM in one process, bound from the catalog, on Azurite.
var repoRoot = RepoPaths.FindRoot() ?? RepoPaths.FindRoot(Directory.GetCurrentDirectory());
var (settingsFile, settings) = LocalSettings.Load(repoRoot);

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddInMemoryCollection(settings);
builder.Configuration.AddEnvironmentVariables();
builder.Configuration.AddCommandLine(args);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);

// The Durable Task Framework logs every poll and lease at Information; its warnings and errors still show.
builder.Logging.AddFilter("DurableTask", LogLevel.Warning);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://localhost:7071");
}

string? Setting(string name) => builder.Configuration[name.Replace("__", ":", StringComparison.Ordinal)];

var storage = StorageOptions.FromSettings(Setting, SettingNames.Storage);
AzuriteProcess? azurite = null;
var dataLocation = storage.TableServiceUri?.ToString() ?? "the storage account in the Storage setting";
if (EmulatorEndpoints.From(storage.ConnectionString) is { } emulator)
{
    dataLocation = $"Azurite at 127.0.0.1:{emulator.QueuePort} (queues) and :{emulator.TablePort} (tables)";
    if (!AzuriteProcess.IsListening(emulator.TablePort) && repoRoot is not null)
    {
        var folder = Path.Combine(repoRoot, ".azurite");
        Console.WriteLine($"Nothing listens on {emulator.TablePort}: starting Azurite with its data in {folder}");
        azurite = await AzuriteProcess.StartAsync(repoRoot, emulator.BlobPort == 0 ? AzuriteProcess.FreePort() : emulator.BlobPort, emulator.QueuePort, emulator.TablePort, folder, Console.WriteLine, CancellationToken.None);
        dataLocation += $", data in {folder}";
    }
}

// Durable's task hub lives where the Functions host keeps it: the AzureWebJobsStorage account
// (a connection string here; without one, the CRM's own storage).
var durable = DurableHostOptions.Load(Path.Combine(AppContext.BaseDirectory, "host.json"), Setting);
var hubConnection = Setting(durable.ConnectionName) is { Length: > 0 } hub ? hub : storage.ConnectionString
    ?? throw new InvalidOperationException($"Crm.Local keeps Durable's task hub in {durable.ConnectionName}: set it to a storage connection string.");

// The engine first: hosted services start in order, and the queue listeners start workflows.
builder.Services.AddCrmCore().AddCrmStorage(storage).AddCrmProviders(Setting).AddCrmLocal(durable, hubConnection);
builder.Services.AddHostedService(sp => sp.GetRequiredService<DurableEngine>());

var queueOptions = QueueHostOptions.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));
foreach (var f in FunctionCatalog.All.Where(f => f.Trigger == TriggerKind.Queue))
{
    builder.Services.AddSingleton<IHostedService>(sp => new QueueListener(
        f.Name, f.Queue!, sp.GetRequiredService<LocalBindings>().Queue[f.Name], sp.GetRequiredService<StorageClients>(),
        sp.GetRequiredService<StorageMessageQueue>(), queueOptions, sp.GetRequiredService<ILogger<QueueListener>>()));
}

foreach (var f in FunctionCatalog.All.Where(f => f.Trigger == TriggerKind.Timer))
{
    var schedule = Setting(f.ScheduleSetting!);
    TimerService.Parse(f.Name, f.ScheduleSetting!, schedule);
    builder.Services.AddSingleton<IHostedService>(sp => new TimerService(
        f.Name, schedule!, sp.GetRequiredService<LocalBindings>().Timer[f.Name], sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TimerService>>()));
}

var app = builder.Build();
var bindings = app.Services.GetRequiredService<LocalBindings>();
bindings.EnsureComplete();

await StorageInitializer.EnsureCreatedAsync(app.Services.GetRequiredService<StorageClients>(), CancellationToken.None);
if (!string.Equals(Setting(SettingNames.SeedDemoTenant), "false", StringComparison.OrdinalIgnoreCase)
    && await DemoTenant.SeedAsync(app.Services.GetRequiredService<ITenantStore>(), app.Services.GetRequiredService<WalletService>(), CancellationToken.None))
{
    Console.WriteLine($"Seeded tenant '{DemoTenant.Id}': sender number {DemoTenant.SenderNumber}, {DemoTenant.Credits:N0} credits, Kakao channel, AlimTalk/FriendTalk fallback, sandbox provider and card.");
}

HttpFunctionEndpoint.UsePipeline(app);
foreach (var f in FunctionCatalog.All.Where(f => f.Trigger == TriggerKind.Http))
{
    HttpFunctionEndpoint.Map(app, f, bindings.Http[f.Name]);
}

SandboxEndpoints.Map(app);
LocalMetricsEndpoints.Map(app);

app.Lifetime.ApplicationStarted.Register(() =>
{
    Console.WriteLine($"Crm.Local listening on {string.Join(", ", app.Urls.Select(u => u.TrimEnd('/') + "/api"))}");
    Console.WriteLine($"Settings: {settingsFile ?? "environment only"}; storage: {dataLocation}");
    Console.WriteLine($"Durable task hub {durable.HubName} ({durable.PartitionCount} partitions) in {durable.ConnectionName}, on the Durable Task Framework with its Azure Storage provider");

    // The sandbox calls this host's report webhook, as Solapi would call the deployment's.
    var reports = app.Services.GetRequiredService<Crm.Core.Delivery.DeliveryReportOptions>();
    if (reports.Secret.Length > 0 && app.Urls.FirstOrDefault() is { } url)
    {
        app.Services.GetRequiredService<Crm.Providers.Sandbox.SandboxReporter>().CallbackUrl = new Uri($"{url.TrimEnd('/')}/api/delivery-reports/{Uri.EscapeDataString(reports.Secret)}");
        Console.WriteLine($"Delivery reports: POST {url.TrimEnd('/')}/api/delivery-reports/{{DeliveryReports__Secret}}; the sandbox reports there");
    }
    foreach (var f in FunctionCatalog.All)
    {
        var binding = f.Method is not null ? $"{f.Method.ToUpperInvariant()} /api/{f.Route}" : f.Queue ?? (f.ScheduleSetting is { } s ? $"{s}={Setting(s)}" : f.Trigger.ToString().ToLowerInvariant());
        Console.WriteLine($"  {f.Name,-22} {binding}");
    }
});

app.Lifetime.ApplicationStopped.Register(() => azurite?.DisposeAsync().AsTask().GetAwaiter().GetResult());
await app.RunAsync();
