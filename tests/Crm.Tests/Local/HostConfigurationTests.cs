using Crm.Core.Functions;
using Crm.Local.Hosting;
using Crm.Local.Timers;
using Crm.Tests.Fixtures;

namespace Crm.Tests.Local;

public sealed class HostConfigurationTests
{
    [Fact]
    public void Local_listeners_take_their_queue_rules_from_the_repository_host_json()
    {
        var options = QueueHostOptions.Load(Path.Combine(AzuriteFixture.RepoRoot, "host.json"));
        Assert.Equal(new QueueHostOptions
        {
            BatchSize = 16,
            MaxDequeueCount = 5,
            VisibilityTimeout = TimeSpan.FromSeconds(10),
            MaxPollingInterval = TimeSpan.FromSeconds(2),
        }, options);
    }

    [Fact]
    public void The_durable_task_hub_takes_host_json_and_an_app_setting_overrides_a_value_as_in_azure()
    {
        var path = Path.Combine(AzuriteFixture.RepoRoot, "host.json");
        var settings = new Dictionary<string, string?> { ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:00:10" };

        var plain = Crm.Local.Durable.DurableHostOptions.Load(path);
        var overridden = Crm.Local.Durable.DurableHostOptions.Load(path, name => settings.GetValueOrDefault(name));

        Assert.Equal(("CrmDelivery", 4, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), "AzureWebJobsStorage"),
            (plain.HubName, plain.PartitionCount, plain.MaxQueuePollingInterval, plain.WorkItemQueueVisibilityTimeout, plain.ControlQueueVisibilityTimeout, plain.ConnectionName));
        Assert.Equal(plain with { WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10) }, overridden);
    }

    [Fact]
    public void Every_schedule_setting_in_the_sample_settings_is_a_valid_six_field_ncrontab()
    {
        var (_, values) = LocalSettings.Load(AzuriteFixture.RepoRoot);
        foreach (var f in FunctionCatalog.All.Where(f => f.Trigger == TriggerKind.Timer))
        {
            Assert.True(values.ContainsKey(f.ScheduleSetting!), $"{f.ScheduleSetting} is missing from local.settings.sample.json");
            TimerService.Parse(f.Name, f.ScheduleSetting!, values[f.ScheduleSetting!]);
        }
    }

    [Fact]
    public void A_five_field_cron_is_refused_with_the_setting_name()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TimerService.Parse("F", "SomeSchedule", "* * * * *"));
        Assert.Contains("SomeSchedule", ex.Message);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true", 10001, 10002)]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=x;QueueEndpoint=http://127.0.0.1:4001/devstoreaccount1;TableEndpoint=http://127.0.0.1:4002/devstoreaccount1;", 4001, 4002)]
    public void Local_connection_strings_name_the_emulator_ports(string connection, int queuePort, int tablePort)
    {
        var endpoints = EmulatorEndpoints.From(connection);
        Assert.Equal((queuePort, tablePort), (endpoints!.QueuePort, endpoints.TablePort));
    }

    [Fact]
    public void A_cloud_connection_string_is_never_mistaken_for_the_emulator()
    {
        Assert.Null(EmulatorEndpoints.From("DefaultEndpointsProtocol=https;AccountName=crm;AccountKey=x;EndpointSuffix=core.windows.net"));
    }
}
