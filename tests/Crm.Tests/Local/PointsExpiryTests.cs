using Crm.Core.Common;
using Crm.Core.Functions;
using Crm.Core.Rewards;
using Crm.Local.Functions;
using Crm.Storage.Clients;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Local;

/// <summary>
/// R3 against a real Azurite with a controlled clock (Seoul time). Tests run the job per tenant:
/// the all-tenant loop would also run other tests' tenants with this test's clock.
/// </summary>
public sealed class PointsExpiryTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);
    private const string Phone = "010-4100-0001";

    private static async Task<(ServiceProvider Services, FakeTimeProvider Time, string Tenant)> SetUpAsync(AzuriteFixture azurite)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 10, 0, 0, Kst));
        var services = CrmServices.Create(azurite, time);
        var tenant = await services.NewTenantAsync(0);
        await services.GetRequiredService<PointsPolicyService>().SaveAsync(tenant, new PointsPolicySettings(30, new DateOnly(2026, 12, 1), ExpiryCycle.Monthly, 100), ct);
        var points = services.GetRequiredService<PointsService>();
        await points.GrantAsync(tenant, Phone, new PointsChange("order-1", 1000, PointsReason.Purchase), ct);                                         // expires Dec 1 10:00
        await points.GrantAsync(tenant, Phone, new PointsChange("event-1", 500, PointsReason.Event, ExpiresAt: new DateTimeOffset(2026, 11, 20, 0, 0, 0, Kst)), ct);
        return (services, time, tenant);
    }

    [Fact]
    public async Task The_run_expires_what_is_past_validity_and_running_it_twice_the_same_day_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, time, tenant) = await SetUpAsync(azurite);
        using var _ = services;
        var runner = services.GetRequiredService<PointsExpiryRunner>();
        var points = services.GetRequiredService<PointsService>();

        time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 10, 0, Kst));
        await runner.RunTenantAsync(tenant, ct);
        Assert.Equal(1000, (await points.BalanceAsync(tenant, Phone, ct)).Balance);

        // Twice the same day, and even with the run's bookkeeping lost (a crash before it was saved).
        await runner.RunTenantAsync(tenant, ct);
        var policies = services.GetRequiredService<StorageClients>().Tables.GetTableClient(TableNames.RewardPolicies);
        var row = (await policies.GetEntityAsync<Azure.Data.Tables.TableEntity>("policy", tenant, cancellationToken: ct)).Value;
        row.Remove("LastExpiryRun");
        await policies.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace, ct);
        await runner.RunTenantAsync(tenant, ct);

        var history = await points.HistoryAsync(tenant, Phone, 0, 100, ct);
        Assert.Equal(-500, Assert.Single(history, e => e.Reason == PointsReason.Expired).Amount);
        Assert.Equal(1000, history.Sum(e => e.Amount));
    }

    [Fact]
    public async Task A_policy_edited_while_a_run_goes_on_is_kept_and_the_run_stays_recorded()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, _, tenant) = await SetUpAsync(azurite);
        using var _ = services;
        var policies = services.GetRequiredService<IPointsPolicyStore>();
        var service = services.GetRequiredService<PointsPolicyService>();

        // The run read the policy, the tenant changes it, the run records itself: the change stays.
        await service.SaveAsync(tenant, new PointsPolicySettings(30, new DateOnly(2026, 12, 1), ExpiryCycle.Monthly, 777), ct);
        await policies.RecordExpiryRunAsync(tenant, new DateOnly(2026, 12, 1), ct);
        Assert.Equal(777, (await policies.GetAsync(tenant, ct))!.Policy.NoticeThreshold);

        // And a later edit keeps the run's bookkeeping.
        await service.SaveAsync(tenant, new PointsPolicySettings(30, new DateOnly(2026, 12, 1), ExpiryCycle.Monthly, 555), ct);
        var state = (await policies.GetAsync(tenant, ct))!;
        Assert.Equal((555L, new DateOnly(2026, 12, 1)), (state.Policy.NoticeThreshold, state.LastExpiryRun!.Value));
    }

    [Fact]
    public async Task Missed_runs_are_caught_up_by_the_next_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, time, tenant) = await SetUpAsync(azurite);
        using var _ = services;

        // Nothing ran on Dec 1 or Jan 1; the timer comes back on Jan 2.
        time.SetUtcNow(new DateTimeOffset(2027, 1, 2, 0, 10, 0, Kst));
        await services.GetRequiredService<PointsExpiryRunner>().RunTenantAsync(tenant, ct);

        var points = services.GetRequiredService<PointsService>();
        Assert.Equal(0, (await points.BalanceAsync(tenant, Phone, ct)).Balance);
        Assert.Equal(new DateOnly(2027, 1, 1), (await services.GetRequiredService<IPointsPolicyStore>().GetAsync(tenant, ct))!.LastExpiryRun);
        Assert.Equal(-1500, Assert.Single(await points.HistoryAsync(tenant, Phone, 0, 100, ct), e => e.Reason == PointsReason.Expired).Amount);
    }

    [Fact]
    public async Task Points_used_before_the_run_are_not_expired_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, time, tenant) = await SetUpAsync(azurite);
        using var _ = services;
        var points = services.GetRequiredService<PointsService>();
        time.SetUtcNow(new DateTimeOffset(2026, 11, 10, 12, 0, 0, Kst));
        await points.DeductAsync(tenant, Phone, new PointsChange("checkout-1", 300), ct); // takes 300 of the event grant (expires first)

        time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 10, 0, Kst));
        await services.GetRequiredService<PointsExpiryRunner>().RunTenantAsync(tenant, ct);

        Assert.Equal(1000, (await points.BalanceAsync(tenant, Phone, ct)).Balance);
        Assert.Equal(-200, Assert.Single(await points.HistoryAsync(tenant, Phone, 0, 100, ct), e => e.Reason == PointsReason.Expired).Amount);
    }

    [Fact]
    public async Task An_expiry_waits_in_the_account_until_the_next_change_files_it_and_history_is_in_order_throughout()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, time, tenant) = await SetUpAsync(azurite);
        using var _ = services;
        var points = services.GetRequiredService<PointsService>();
        var store = services.GetRequiredService<IPointsStore>();
        var phone = PhoneNumber.RequireMobile(Phone);

        time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 10, 0, Kst));
        await services.GetRequiredService<PointsExpiryRunner>().RunTenantAsync(tenant, ct);
        Assert.Single((await store.GetAsync(tenant, PointsBuckets.Of(phone), ct)).Account(phone).Unfiled);
        Assert.Equal([1L, 2, 3], (await points.HistoryAsync(tenant, Phone, 0, 100, ct)).Select(e => e.Sequence));

        time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, Kst));
        await points.DeductAsync(tenant, Phone, new PointsChange("checkout-1", 400), ct);

        Assert.Empty((await store.GetAsync(tenant, PointsBuckets.Of(phone), ct)).Account(phone).Unfiled);
        var history = await points.HistoryAsync(tenant, Phone, 0, 100, ct);
        Assert.Equal([PointsReason.Purchase, PointsReason.Event, PointsReason.Expired, PointsReason.Checkout], history.Select(e => e.Reason));
        Assert.Equal([1000L, 1500, 1000, 600], history.Select(e => e.BalanceAfter));
        Assert.Equal([PointsReason.Expired, PointsReason.Checkout], (await points.HistoryAsync(tenant, Phone, 2, 100, ct)).Select(e => e.Reason));
        Assert.Equal([PointsReason.Expired], (await points.HistoryAsync(tenant, Phone, 2, 1, ct)).Select(e => e.Reason));
    }

    [Fact]
    public async Task Customers_sharing_a_bucket_expire_together_and_a_stale_bucket_is_never_written()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, time, tenant) = await SetUpAsync(azurite);
        using var _ = services;
        var points = services.GetRequiredService<PointsService>();
        var store = services.GetRequiredService<IPointsStore>();
        var first = PhoneNumber.RequireMobile(Phone);
        var neighbour = Enumerable.Range(1, 1_000_000).Select(i => $"010{i:D8}").First(p => p != first && PointsBuckets.Of(p) == PointsBuckets.Of(first));
        await points.GrantAsync(tenant, neighbour, new PointsChange("event-1", 700, PointsReason.Event, ExpiresAt: new DateTimeOffset(2026, 11, 25, 0, 0, 0, Kst)), ct);

        // A bucket read before a change to it cannot overwrite that change.
        var stale = await store.GetAsync(tenant, PointsBuckets.Of(first), ct);
        await points.GrantAsync(tenant, neighbour, new PointsChange("order-2", 50, PointsReason.Purchase), ct);
        Assert.False(await store.TrySaveAsync(stale with { Accounts = [] }, ct));

        time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 10, 0, Kst));
        await services.GetRequiredService<PointsExpiryRunner>().RunTenantAsync(tenant, ct);
        Assert.Equal(1000, (await points.BalanceAsync(tenant, Phone, ct)).Balance);
        Assert.Equal(50, (await points.BalanceAsync(tenant, neighbour, ct)).Balance);
    }

    [Fact]
    public async Task The_timer_queues_a_job_for_each_tenant_with_a_run_due_and_the_job_runs_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, time, tenant) = await SetUpAsync(azurite);
        using var _ = services;
        var notYet = await services.NewTenantAsync(0);
        await services.GetRequiredService<PointsPolicyService>().SaveAsync(notYet, new PointsPolicySettings(30, new DateOnly(2027, 1, 15), ExpiryCycle.Monthly, 100), ct);

        time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 10, 0, Kst));
        await services.GetRequiredService<PointsExpiryRunner>().EnqueueDueAsync(ct);

        // Other tests' tenants share this Azurite and may be due by this clock too: only ours are checked.
        var queue = services.GetRequiredService<StorageClients>().Queues.GetQueueClient(QueueNames.PointsExpiry);
        var jobs = new List<string>();
        for (var page = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), ct)).Value; page.Length > 0; page = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), ct)).Value)
        {
            jobs.AddRange(page.Select(m => m.MessageText));
        }

        var job = Assert.Single(jobs, j => j.Contains(tenant, StringComparison.Ordinal));
        Assert.DoesNotContain(jobs, j => j.Contains(notYet, StringComparison.Ordinal));

        await services.GetRequiredService<LocalBindings>().Queue[FunctionCatalog.ExpireTenantPoints](job, ct);
        Assert.Equal(1000, (await services.GetRequiredService<PointsService>().BalanceAsync(tenant, Phone, ct)).Balance);
    }
}
