using Crm.Core.Delivery;
using Crm.Providers.Solapi;

namespace Crm.Tests.Providers;

/// <summary>The one table of Solapi's status codes and what each means to the CRM.</summary>
public sealed class SolapiStatusCodesTests
{
    [Fact]
    public void Every_code_is_classified_by_the_documented_rules_and_reads_in_english_and_korean()
    {
        var all = SolapiStatusCodes.All.Values.ToList();

        Assert.Equal(85, all.Count);
        Assert.All(all, s => Assert.Matches("^[1-4][0-9]{3}$", s.Code));
        Assert.Equal(["2000", "3000"], all.Where(s => s.State == DeliveryState.Pending).Select(s => s.Code).Order());
        Assert.Equal(["4000"], all.Where(s => s.State == DeliveryState.Delivered).Select(s => s.Code));
        Assert.All(all.Where(s => s.State == DeliveryState.Failed), s => Assert.True(s.Refundable, $"{s.Code} fails and must be refunded (D4)"));
        Assert.All(all.Where(s => s.State != DeliveryState.Failed), s => Assert.False(s.Refundable || s.FallbackEligible));

        // SMS mends what Kakao could not deliver: its 31xx reports and its registration refusals; never a bad number or sender.
        var eligible = all.Where(s => s.FallbackEligible).Select(s => int.Parse(s.Code)).Order().ToList();
        Assert.Equal([1033, .. Enumerable.Range(1041, 13), .. Enumerable.Range(3101, 8)], eligible);
        Assert.Contains("72", SolapiStatusCodes.Of("3107").Reason);
        Assert.Contains("카카오톡 미사용자", SolapiStatusCodes.Of("3104").Reason);
    }

    [Fact]
    public void An_unknown_code_is_a_refunded_failure_without_fallback()
    {
        Assert.Equal(new ProviderStatus("9999", DeliveryState.Failed, "Unknown Solapi status 9999.", true, false), SolapiStatusCodes.Of("9999"));
        Assert.Equal(DeliveryState.Failed, SolapiStatusCodes.Of(null).State);
    }
}
