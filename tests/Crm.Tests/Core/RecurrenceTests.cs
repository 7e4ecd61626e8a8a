using Crm.Core.Campaigns;
using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Core.Tenants;

namespace Crm.Tests.Core;

public sealed class RecurrenceTests
{
    private const string Seoul = "Asia/Seoul";
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    [Fact]
    public void Monthly_runs_from_the_31st_fall_on_the_last_day_of_shorter_months_without_drifting()
    {
        var monthly = new Recurrence(RecurrenceUnit.Month, 1, null, 4);
        var first = new DateTimeOffset(2027, 1, 31, 10, 0, 0, Kst);

        Assert.Equal(
            [new DateTimeOffset(2027, 2, 28, 10, 0, 0, Kst), new DateTimeOffset(2027, 3, 31, 10, 0, 0, Kst), new DateTimeOffset(2027, 4, 30, 10, 0, 0, Kst)],
            Enumerable.Range(2, 3).Select(run => monthly.RunAt(first, run, Seoul)));
    }

    [Fact]
    public void Every_second_week_in_seoul_time()
    {
        var fortnightly = new Recurrence(RecurrenceUnit.Week, 2, null, 3);
        var first = new DateTimeOffset(2026, 11, 23, 0, 30, 0, TimeSpan.Zero); // 09:30 KST, Monday

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 9, 30, 0, Kst), fortnightly.RunAt(first, 2, Seoul));
    }

    [Fact]
    public void A_series_ends_after_its_runs_or_at_its_end_date()
    {
        var first = new DateTimeOffset(2026, 12, 1, 9, 0, 0, Kst);
        Assert.True(new Recurrence(RecurrenceUnit.Day, 1, null, 3).Includes(first, 3, Seoul));
        Assert.False(new Recurrence(RecurrenceUnit.Day, 1, null, 3).Includes(first, 4, Seoul));
        Assert.True(new Recurrence(RecurrenceUnit.Day, 1, first.AddDays(2), null).Includes(first, 3, Seoul));
        Assert.False(new Recurrence(RecurrenceUnit.Day, 1, first.AddDays(2).AddMinutes(-1), null).Includes(first, 3, Seoul));
    }

    [Fact]
    public void Run_ids_are_stable_per_run_and_sort_by_run_time()
    {
        var at = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(CampaignIds.ForRun("s1", 2, at), CampaignIds.ForRun("s1", 2, at));
        Assert.NotEqual(CampaignIds.ForRun("s1", 2, at), CampaignIds.ForRun("s1", 3, at));
        Assert.True(string.CompareOrdinal(CampaignIds.ForRun("s1", 2, at), CampaignIds.ForRun("s1", 3, at.AddDays(1))) < 0);
        Assert.Equal(7, Guid.ParseExact(CampaignIds.ForRun("s1", 2, at), "N").Version);
    }

    [Theory]
    [InlineData("""{ "every": "day" }""", "recurrence")]
    [InlineData("""{ "every": "day", "runs": 1 }""", "recurrence.runs")]
    [InlineData("""{ "runs": 3 }""", "recurrence.every")]
    [InlineData("""{ "every": "week", "interval": 0, "runs": 3 }""", "recurrence.interval")]
    public void A_recurring_campaign_without_a_valid_end_or_unit_is_refused(string recurrence, string field)
    {
        var submission = new CampaignSubmission
        {
            Channel = Channel.Sms,
            Kind = CampaignKind.Informational,
            SenderNumber = "0212345678",
            Content = "정기 안내",
            Recipients = [new("01012345678", null)],
            Recurrence = System.Text.Json.JsonSerializer.Deserialize<RecurrenceSubmission>(recurrence, CrmJson.Options),
        };
        var tenant = new Tenant { TenantId = "shop", Name = "Shop", SenderNumbers = new HashSet<string> { "0212345678" } };

        var errors = Assert.Throws<CrmValidationException>(() => CampaignValidator.Validate(tenant, submission, "c1", DateTimeOffset.UtcNow)).Errors;

        Assert.Contains(field, errors.Keys);
    }
}
