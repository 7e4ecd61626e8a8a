using Crm.Core.Campaigns;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Local;

/// <summary>C1 recurring: each due run becomes a campaign of its own; the series ends after its runs.</summary>
public sealed class RecurringCampaignTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_daily_series_of_three_creates_three_runs_each_sent_and_charged_then_ends()
    {
        var ct = TestContext.Current.CancellationToken;
        var start = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(9));
        var time = new FakeTimeProvider(start);
        using var services = CrmServices.Create(azurite, time);
        var tenant = await services.NewTenantAsync(100);
        var campaigns = services.GetRequiredService<ICampaignStore>();
        var dispatcher = services.GetRequiredService<CampaignDispatcher>();

        var series = (await services.GetRequiredService<CampaignService>().SubmitAsync(tenant, new CampaignSubmission
        {
            Channel = Channel.Sms,
            Kind = CampaignKind.Informational,
            SenderNumber = "0212345678",
            Content = "오늘의 출석 체크를 잊지 마세요",
            Recipients = [new("010-3000-0001", null), new("010-3000-0002", null)],
            Recurrence = new RecurrenceSubmission(RecurrenceUnit.Day, 1, null, 3),
        }, ct)).Campaign;

        var runs = new List<string>();
        for (var day = 0; day < 4; day++)
        {
            time.SetUtcNow(start.AddDays(day));
            foreach (var due in await campaigns.ListDueAsync(time.GetUtcNow(), ct))
            {
                if (due.TenantId == tenant)
                {
                    await dispatcher.DispatchAsync(new DispatchRequest(tenant, due.CampaignId), ct);
                }
            }

            // The run the series just created is due now too: dispatch it as the queue would.
            var current = (await campaigns.GetAsync(tenant, series.CampaignId, ct))!;
            if (current.RunsCreated > runs.Count)
            {
                var runId = CampaignIds.ForRun(series.CampaignId, current.RunsCreated, start.AddDays(day));
                runs.Add(runId);
                await dispatcher.DispatchAsync(new DispatchRequest(tenant, runId), ct);
                var run = (await campaigns.GetAsync(tenant, runId, ct))!;
                Assert.Equal((series.CampaignId, current.RunsCreated, CampaignStatus.Sending, 2), (run.SeriesId, run.Run, run.Status, run.Batched));
            }
        }

        var ended = (await campaigns.GetAsync(tenant, series.CampaignId, ct))!;
        Assert.Equal((CampaignStatus.Completed, 3, (DateTimeOffset?)null), (ended.Status, ended.RunsCreated, ended.NextRunAt));
        Assert.Equal(3, runs.Distinct().Count());
        Assert.Equal(100 - 3 * 2, (await services.GetRequiredService<WalletService>().GetAsync(tenant, ct)).Balance);
        Assert.DoesNotContain(await campaigns.ListDueAsync(start.AddDays(30), ct), d => d.TenantId == tenant);
    }
}
