using Crm.Core.Audiences;
using Crm.Core.Campaigns;
using Crm.Core.Delivery;
using Crm.Core.Rewards;
using Crm.Core.Tenants;
using Crm.Storage.Audiences;
using Crm.Storage.Clients;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Local;

/// <summary>G1/G2 against a real Azurite: one pass evaluates every group, members are stored in chunks, the nightly run survives a failing tenant.</summary>
public sealed class GroupExtractionTests(AzuriteFixture azurite)
{
    private static Customer Person(int i) => new()
    {
        Phone = $"010{600_000 + i:D8}",
        Grade = i % 10 == 0 ? "VIP" : "BASIC",
        MarketingConsent = i % 2 == 0,
        TotalSpent = i,
    };

    [Fact]
    public async Task Every_group_of_a_tenant_is_extracted_in_one_scan_and_members_round_trip_in_chunks()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(0);
        await services.GetRequiredService<ICustomerStore>().UpsertAsync(tenant, Enumerable.Range(0, 25_000).Select(Person).ToList(), ct);
        var groups = services.GetRequiredService<GroupService>();
        await groups.SaveAsync(tenant, "vip", new GroupDefinition("VIP", "grade = 'VIP'"), ct);
        await groups.SaveAsync(tenant, "consented", new GroupDefinition("Consented", "marketingConsent = true"), ct);
        await groups.SaveAsync(tenant, "big-spenders", new GroupDefinition("Big", "totalSpent >= 12000 and not grade = 'VIP'"), ct);
        var counter = services.GetRequiredService<RequestCounter>();
        counter.Reset();

        var extracted = await services.GetRequiredService<GroupExtractor>().ExtractAsync(tenant, ct);

        Assert.Equal(
            new Dictionary<string, int> { ["big-spenders"] = 11_700, ["consented"] = 12_500, ["vip"] = 2_500 },
            extracted.ToDictionary(g => g.GroupId, g => g.MemberCount));
        // One scan for all three groups: 1,024 bucket entities are two pages of at most 1,000.
        Assert.InRange(counter.ByOperation.Where(o => o.Key.Contains("Customers", StringComparison.Ordinal)).Sum(o => o.Value), 1, 2);
        var members = await services.GetRequiredService<IGroupStore>().ReadMembersAsync(tenant, "consented", ct).ToListAsync(ct);
        Assert.Equal([10_000, 2_500], members.Select(m => m.Count));
        Assert.All(members.SelectMany(m => m), phone => Assert.Equal(0, (int.Parse(phone[3..]) - 600_000) % 2));
        var vip = await groups.GetAsync(tenant, "vip", ct);
        Assert.False(vip.IsExtracting);
        Assert.NotNull(vip.LastExtractedAt);
    }

    [Fact]
    public async Task A_smaller_result_removes_the_old_chunks_and_an_added_customer_appears()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(0);
        var customers = services.GetRequiredService<ICustomerStore>();
        await customers.UpsertAsync(tenant, Enumerable.Range(0, 15_000).Select(i => Person(i) with { Grade = "VIP" }).ToList(), ct);
        await services.GetRequiredService<GroupService>().SaveAsync(tenant, "vip", new GroupDefinition("VIP", "grade = 'VIP'"), ct);
        var extractor = services.GetRequiredService<GroupExtractor>();
        await extractor.ExtractAsync(tenant, ct);

        await customers.UpsertAsync(tenant, Enumerable.Range(0, 15_000).Select(i => Person(i) with { Grade = i < 5 ? "VIP" : "BASIC" }).ToList(), ct);
        await customers.UpsertAsync(tenant, [new Customer { Phone = "01099990000", Grade = "VIP" }], ct);
        var again = Assert.Single(await extractor.ExtractAsync(tenant, ct));

        Assert.Equal((6, 1), (again.MemberCount, again.MemberChunks));
        var members = (await services.GetRequiredService<IGroupStore>().ReadMembersAsync(tenant, "vip", ct).ToListAsync(ct)).SelectMany(m => m).ToList();
        Assert.Contains("01099990000", members);
        Assert.Equal(6, members.Count);
    }

    [Fact]
    public async Task Two_extractions_of_a_tenant_at_once_both_succeed_and_leave_one_member_set()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(0);
        var customers = services.GetRequiredService<ICustomerStore>();
        await customers.UpsertAsync(tenant, Enumerable.Range(0, 25_000).Select(i => Person(i) with { Grade = "VIP" }).ToList(), ct);
        await services.GetRequiredService<GroupService>().SaveAsync(tenant, "vip", new GroupDefinition("VIP", "grade = 'VIP'"), ct);
        var extractor = services.GetRequiredService<GroupExtractor>();
        Assert.Equal(3, Assert.Single(await extractor.ExtractAsync(tenant, ct)).MemberChunks);
        await customers.UpsertAsync(tenant, Enumerable.Range(0, 25_000).Select(i => Person(i) with { Grade = i < 5 ? "VIP" : "BASIC" }).ToList(), ct);

        // Both shrink the group from three chunks to one, so both drop the same old chunks.
        var results = await Task.WhenAll(extractor.ExtractAsync(tenant, ct), services.GetRequiredService<GroupService>().ExtractAsync(tenant, ct));

        Assert.All(results, r => Assert.Equal(5, Assert.Single(r).MemberCount));
        var group = await services.GetRequiredService<GroupService>().GetAsync(tenant, "vip", ct);
        Assert.Equal((5, 1, null), (group.MemberCount, group.MemberChunks, group.LastError));
        var members = (await services.GetRequiredService<IGroupStore>().ReadMembersAsync(tenant, "vip", ct).ToListAsync(ct)).SelectMany(m => m).Order();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => Person(i).Phone).Order(), members);
    }

    [Fact]
    public async Task An_extraction_that_finishes_after_a_later_one_leaves_the_later_ones_members_whole()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(0);
        var customers = services.GetRequiredService<ICustomerStore>();
        await customers.UpsertAsync(tenant, Enumerable.Range(0, 5).Select(i => Person(i) with { Grade = "VIP" }).ToList(), ct);
        await services.GetRequiredService<GroupService>().SaveAsync(tenant, "vip", new GroupDefinition("VIP", "grade = 'VIP'"), ct);

        // The first extraction reads 5 VIPs, then stalls before evaluating them; meanwhile 15,000 more
        // become VIP and a second extraction runs to its end. Then the first one finishes.
        var stalled = new StalledScan(customers);
        var first = new GroupExtractor(
            services.GetRequiredService<ITenantStore>(), new LiveCustomers(stalled, services.GetRequiredService<IPointsStore>()), services.GetRequiredService<IGroupStore>(),
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<GroupExtractor>.Instance);
        var firstRun = first.ExtractAsync(tenant, ct);
        await stalled.Read.Task.WaitAsync(ct);
        await customers.UpsertAsync(tenant, Enumerable.Range(0, 15_005).Select(i => Person(i) with { Grade = "VIP" }).ToList(), ct);
        var second = Assert.Single(await services.GetRequiredService<GroupExtractor>().ExtractAsync(tenant, ct));
        stalled.Release.SetResult();
        var firstResult = Assert.Single(await firstRun);

        Assert.Equal((15_005, 2), (second.MemberCount, second.MemberChunks));
        Assert.Equal(15_005, firstResult.MemberCount); // it reports the group as the later extraction left it
        var group = await services.GetRequiredService<GroupService>().GetAsync(tenant, "vip", ct);
        Assert.Equal((15_005, 2), (group.MemberCount, group.MemberChunks));
        var members = (await services.GetRequiredService<IGroupStore>().ReadMembersAsync(tenant, "vip", ct).ToListAsync(ct)).SelectMany(m => m).ToList();
        Assert.Equal(15_005, members.Distinct().Count());
        Assert.Equal(15_005, members.Count);
    }

    [Fact]
    public async Task Members_stored_before_member_sets_had_ids_are_read_and_replaced_by_the_next_extraction()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(0);
        await services.GetRequiredService<ICustomerStore>().UpsertAsync(tenant, [Person(10), Person(20)], ct);
        var store = services.GetRequiredService<IGroupStore>();
        await store.SaveAsync(new Group { TenantId = tenant, GroupId = "vip", Name = "VIP", Condition = "grade = 'VIP'" }, ct);
        await store.UpdateExtractionAsync(tenant, "vip", g => g with { LastExtractedAt = DateTimeOffset.UtcNow, MemberCount = 1, MemberChunks = 1 }, ct);
        var table = services.GetRequiredService<StorageClients>().Tables.GetTableClient(TableNames.GroupMembers);
        var legacy = new Azure.Data.Tables.TableEntity($"{tenant}_vip", "00001");
        CompressedJson.Write(legacy, "M", new List<string> { Person(30).Phone });
        await table.AddEntityAsync(legacy, ct);

        Assert.Equal([Person(30).Phone], (await store.ReadMembersAsync(tenant, "vip", ct).ToListAsync(ct)).SelectMany(m => m));
        await services.GetRequiredService<GroupExtractor>().ExtractAsync(tenant, ct);

        Assert.Equal([Person(10).Phone, Person(20).Phone], (await store.ReadMembersAsync(tenant, "vip", ct).ToListAsync(ct)).SelectMany(m => m).Order());
        Assert.False((await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>($"{tenant}_vip", "00001", cancellationToken: ct)).HasValue);
    }

    [Fact]
    public async Task Erasing_a_customer_takes_them_out_of_every_group_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(0);
        await services.GetRequiredService<ICustomerStore>().UpsertAsync(tenant, [Person(10), Person(20), Person(30)], ct);
        var groups = services.GetRequiredService<GroupService>();
        await groups.SaveAsync(tenant, "vip", new GroupDefinition("VIP", "grade = 'VIP'"), ct);
        await services.GetRequiredService<GroupExtractor>().ExtractAsync(tenant, ct);

        await services.GetRequiredService<CustomerService>().DeleteAsync(tenant, Person(20).Phone, ct);

        var members = (await services.GetRequiredService<IGroupStore>().ReadMembersAsync(tenant, "vip", ct).ToListAsync(ct)).SelectMany(m => m).ToList();
        Assert.Equal([Person(10).Phone, Person(30).Phone], members.Order());
        Assert.Equal(2, (await groups.GetAsync(tenant, "vip", ct)).MemberCount);
    }

    [Fact]
    public async Task The_nightly_run_extracts_every_tenant_and_records_a_failing_tenant_without_stopping()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var healthy = await services.NewTenantAsync(0);
        await services.GetRequiredService<ICustomerStore>().UpsertAsync(healthy, [Person(1), Person(10)], ct);
        await services.GetRequiredService<GroupService>().SaveAsync(healthy, "vip", new GroupDefinition("VIP", "grade = 'VIP'"), ct);

        // A tenant whose time zone this machine does not know, written past the API's validation: nothing of it can be evaluated.
        var broken = Ids.Tenant();
        await services.GetRequiredService<ITenantStore>().SaveAsync(new Tenant { TenantId = broken, Name = "Broken", TimeZone = "Mars/Olympus_Mons" }, ct);
        await services.GetRequiredService<IGroupStore>().SaveAsync(new Group { TenantId = broken, GroupId = "vip", Name = "VIP", Condition = "grade = 'VIP'" }, ct);

        var (tenants, failed) = await services.GetRequiredService<NightlyReextraction>().RunAsync(ct);

        Assert.True(tenants >= 2);
        Assert.True(failed >= 1);
        Assert.Equal(1, (await services.GetRequiredService<GroupService>().GetAsync(healthy, "vip", ct)).MemberCount);
        Assert.Contains("Mars/Olympus_Mons", (await services.GetRequiredService<GroupService>().GetAsync(broken, "vip", ct)).LastError);
    }

    [Fact]
    public async Task A_group_saved_under_older_rules_fails_alone_keeping_its_members_and_the_tenants_other_groups_are_extracted()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(0);
        await services.GetRequiredService<ICustomerStore>().UpsertAsync(tenant, [Person(1), Person(10), Person(20)], ct);
        var groups = services.GetRequiredService<GroupService>();
        await groups.SaveAsync(tenant, "vip", new GroupDefinition("VIP", "grade = 'VIP'"), ct);
        await groups.SaveAsync(tenant, "spenders", new GroupDefinition("Spenders", "totalSpent >= 10"), ct);
        await groups.ExtractAsync(tenant, ct);

        // Conditions the API accepted before dates were range-checked or the language changed, written past its validation.
        var store = services.GetRequiredService<IGroupStore>();
        await store.SaveAsync(new Group { TenantId = tenant, GroupId = "ancient", Name = "Ancient", Condition = "lastOrderAt >= 0001-01-01" }, ct);
        await store.SaveAsync(new Group { TenantId = tenant, GroupId = "spenders", Name = "Spenders", Condition = "grade ~ 'VIP'" }, ct);
        await services.GetRequiredService<ICustomerStore>().UpsertAsync(tenant, [Person(30)], ct);

        var extracted = (await groups.ExtractAsync(tenant, ct)).ToDictionary(g => g.GroupId);
        await services.GetRequiredService<NightlyReextraction>().RunAsync(ct);

        Assert.Equal((3, null), (extracted["vip"].MemberCount, extracted["vip"].LastError));
        Assert.Equal(3, (await groups.GetAsync(tenant, "vip", ct)).MemberCount);
        var ancient = await groups.GetAsync(tenant, "ancient", ct);
        Assert.Contains("'0001-01-01' is out of range", ancient.LastError);
        Assert.False(ancient.IsExtracting);
        var spenders = await groups.GetAsync(tenant, "spenders", ct);
        Assert.Contains("Unexpected character '~'", spenders.LastError);
        Assert.Equal(2, spenders.MemberCount);
        Assert.Equal([Person(10).Phone, Person(20).Phone], (await store.ReadMembersAsync(tenant, "spenders", ct).ToListAsync(ct)).SelectMany(m => m).Order());
    }

    [Fact]
    public async Task Reward_points_come_from_the_points_ledger_and_are_read_only_when_a_condition_or_text_uses_them()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(0);
        await services.GetRequiredService<ICustomerStore>().UpsertAsync(tenant, [Person(1), Person(2), Person(3)], ct);
        var points = services.GetRequiredService<PointsService>();
        await points.GrantAsync(tenant, Person(1).Phone, new PointsChange("order-1", 5000, PointsReason.Purchase), ct);
        await points.GrantAsync(tenant, Person(2).Phone, new PointsChange("order-2", 300, PointsReason.Purchase), ct);
        var groups = services.GetRequiredService<GroupService>();
        await groups.SaveAsync(tenant, "loyal", new GroupDefinition("Loyal", "rewardPoints >= 1000"), ct);
        var counter = services.GetRequiredService<RequestCounter>();
        long PointsReads() => counter.ByOperation.Where(o => o.Key.Contains("Points", StringComparison.Ordinal)).Sum(o => o.Value);

        counter.Reset();
        var loyal = Assert.Single(await services.GetRequiredService<GroupExtractor>().ExtractAsync(tenant, ct));
        Assert.Equal(1, loyal.MemberCount);
        Assert.Equal([Person(1).Phone], (await services.GetRequiredService<IGroupStore>().ReadMembersAsync(tenant, "loyal", ct).ToListAsync(ct)).SelectMany(m => m));
        Assert.Equal(new[] { 1, 2, 3 }.Select(i => PointsBuckets.Of(Person(i).Phone)).Distinct().Count(), (int)PointsReads());

        Assert.Equal(2, (await groups.PreviewAsync(tenant, "rewardPoints < 1000", ct)).Count);
        Assert.Equal(5000, (await services.GetRequiredService<CustomerService>().GetAsync(tenant, Person(1).Phone, ct)).RewardPoints);

        // A group campaign's text may name the balance; one that does not, on a condition that does not, reads no points.
        var tenantRecord = (await services.GetRequiredService<ITenantStore>().GetAsync(tenant, ct))!;
        var audience = services.GetRequiredService<CampaignAudience>();
        var withPoints = Campaign(tenant, "loyal", "#{name}님 적립금 #{rewardPoints}원");
        Assert.Equal("5,000", Assert.Single(await audience.ReadAsync(withPoints, tenantRecord, DateTimeOffset.UtcNow, ct).ToListAsync(ct)).Variables!["rewardPoints"]);
        await groups.SaveAsync(tenant, "all", new GroupDefinition("All", "phone exists"), ct);
        counter.Reset();
        Assert.Equal(3, (await audience.ReadAsync(Campaign(tenant, "all", "#{name}님 안녕하세요"), tenantRecord, DateTimeOffset.UtcNow, ct).ToListAsync(ct)).Count);
        Assert.Equal(0L, PointsReads());
    }

    private static Campaign Campaign(string tenant, string groupId, string content) => new()
    {
        TenantId = tenant,
        CampaignId = Guid.NewGuid().ToString("N"),
        GroupId = groupId,
        Channel = Channel.Sms,
        Kind = CampaignKind.Informational,
        SenderNumber = "0212345678",
        Content = content,
        RecipientCount = 0,
        CreatedAt = DateTimeOffset.UtcNow,
        SendAt = DateTimeOffset.UtcNow,
    };

    // Reads the whole scan at once, says so, and hands it out only when released.
    private sealed class StalledScan(ICustomerStore inner) : ICustomerStore
    {
        public TaskCompletionSource Read { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async IAsyncEnumerable<Customer> ScanAsync(string tenantId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var all = await inner.ScanAsync(tenantId, cancellationToken).ToListAsync(cancellationToken);
            Read.SetResult();
            await Release.Task.WaitAsync(cancellationToken);
            foreach (var customer in all)
            {
                yield return customer;
            }
        }

        public Task UpsertAsync(string tenantId, IReadOnlyList<Customer> customers, CancellationToken cancellationToken) => inner.UpsertAsync(tenantId, customers, cancellationToken);

        public Task<Customer?> GetAsync(string tenantId, string phone, CancellationToken cancellationToken) => inner.GetAsync(tenantId, phone, cancellationToken);

        public Task<IReadOnlyList<Customer>> GetManyAsync(string tenantId, IReadOnlyCollection<string> phones, CancellationToken cancellationToken) => inner.GetManyAsync(tenantId, phones, cancellationToken);

        public Task<bool> DeleteAsync(string tenantId, string phone, CancellationToken cancellationToken) => inner.DeleteAsync(tenantId, phone, cancellationToken);
    }
}
