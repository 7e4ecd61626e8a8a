using Crm.Core.Campaigns;
using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Core.Tenants;

namespace Crm.Tests.Core;

public sealed class CampaignValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(9));
    private static readonly Tenant Shop = new() { TenantId = "shop", Name = "Shop", SenderNumbers = new HashSet<string> { "0212345678" }, KakaoChannelId = "@shop" };

    private static CampaignSubmission Valid(params string[] phones) => new()
    {
        Channel = Channel.Sms,
        Kind = CampaignKind.Informational,
        SenderNumber = "02-1234-5678",
        Content = "주문하신 상품이 발송되었습니다.",
        Recipients = (phones.Length == 0 ? ["010-1111-2222"] : phones).Select(p => new RecipientSubmission(p, null)).ToList(),
    };

    private static IReadOnlyDictionary<string, string[]> ErrorsOf(CampaignSubmission? submission, Tenant? tenant = null) =>
        Assert.Throws<CrmValidationException>(() => CampaignValidator.Validate(tenant ?? Shop, submission, "c1", Now)).Errors;

    [Fact]
    public void A_valid_campaign_is_normalised_and_deduplicated()
    {
        var result = CampaignValidator.Validate(Shop, Valid("010-1111-2222", "+82 10 1111 2222", "01033334444"), "c1", Now);

        Assert.Equal(["01011112222", "01033334444"], result.Recipients.Select(r => r.Phone));
        Assert.Equal(1, result.DuplicatesRemoved);
        Assert.Equal(2, result.Campaign.RecipientCount);
        Assert.Equal("0212345678", result.Campaign.SenderNumber);
        Assert.Equal(Now, result.Campaign.SendAt);
    }

    [Fact]
    public void A_friendtalk_format_the_provider_cannot_send_is_refused_naming_the_reason_and_the_rest_pass()
    {
        var provider = new Crm.Providers.Solapi.SolapiProvider(new HttpClient(), new Crm.Providers.Solapi.SolapiOptions { ApiKey = "k", ApiSecret = "s" }, TimeProvider.System);
        CampaignSubmission FriendTalk(FriendTalkType type) => Valid() with
        {
            Channel = Channel.FriendTalk, Kind = CampaignKind.Advertising, FriendTalkType = type, ImageId = "img-1",
            Content = "(광고) 겨울 신상품 무료거부 080-123-4567",
        };

        var wide = Assert.Throws<CrmValidationException>(() => CampaignValidator.Validate(Shop with { OptOutNumber = "0801234567" }, FriendTalk(FriendTalkType.Wide), "c1", Now, refuses: provider.Refuses)).Errors;
        var image = CampaignValidator.Validate(Shop with { OptOutNumber = "0801234567" }, FriendTalk(FriendTalkType.Image), "c1", Now, refuses: provider.Refuses);
        var sandboxWide = CampaignValidator.Validate(Shop with { OptOutNumber = "0801234567" }, FriendTalk(FriendTalkType.Wide), "c1", Now, refuses: (_, _) => null);

        Assert.Contains("brand message", Assert.Single(wide["friendTalkType"]));
        Assert.Equal(FriendTalkType.Image, image.Campaign.FriendTalkType);
        Assert.Equal(FriendTalkType.Wide, sandboxWide.Campaign.FriendTalkType);
    }

    [Fact]
    public void Every_missing_field_is_named()
    {
        var errors = ErrorsOf(new CampaignSubmission());
        Assert.Equal(["channel", "content", "kind", "recipients", "senderNumber"], errors.Keys.Order());
    }

    [Fact]
    public void A_missing_body_is_named()
    {
        Assert.Contains("body", ErrorsOf(null).Keys);
    }

    [Fact]
    public void A_malformed_phone_number_names_its_row()
    {
        var errors = ErrorsOf(Valid("010-1111-2222", "02-555-1234"));
        Assert.Contains("Korean mobile", Assert.Single(errors["recipients[1].phone"]));
    }

    [Fact]
    public void Only_the_first_twenty_bad_rows_are_listed_and_the_rest_counted()
    {
        var errors = ErrorsOf(Valid(Enumerable.Range(0, 25).Select(i => $"bad-{i}").ToArray()));
        Assert.Equal(20, errors.Keys.Count(k => k.StartsWith("recipients[", StringComparison.Ordinal)));
        Assert.Contains("5 more", Assert.Single(errors["recipients"]));
    }

    [Fact]
    public void An_unregistered_sender_number_is_refused()
    {
        var errors = ErrorsOf(Valid() with { SenderNumber = "1588-0000" });
        Assert.Contains("not a registered sender number", Assert.Single(errors["senderNumber"]));
    }

    [Fact]
    public void Sms_over_90_bytes_is_refused_with_the_byte_count()
    {
        var errors = ErrorsOf(Valid() with { Content = new string('가', 46) });
        Assert.Contains("92 bytes", Assert.Single(errors["content"]));
    }

    [Fact]
    public void Exactly_90_bytes_fits_an_sms()
    {
        CampaignValidator.Validate(Shop, Valid() with { Content = new string('가', 45) }, "c1", Now);
    }

    [Fact]
    public void Personalised_text_is_measured_per_recipient()
    {
        var submission = Valid() with
        {
            Content = "#{name}님 " + new string('가', 40),
            Recipients = [new("01011112222", new Dictionary<string, string> { ["name"] = "김" }), new("01033334444", new Dictionary<string, string> { ["name"] = "김수한무거북이" })],
        };
        var errors = ErrorsOf(submission);
        Assert.Equal(["recipients[1]"], errors.Keys);
    }

    [Fact]
    public void A_missing_variable_names_the_recipient()
    {
        var submission = Valid() with { Content = "#{name}님 안녕하세요", Recipients = [new("01011112222", null)] };
        Assert.Contains("#{name}", Assert.Single(ErrorsOf(submission)["recipients[0]"]));
    }

    [Fact]
    public void Emoji_cannot_go_by_sms()
    {
        var errors = ErrorsOf(Valid() with { Content = "발송 완료 🚚" });
        Assert.Contains("cannot be sent", Assert.Single(errors["content"]));
    }

    [Fact]
    public void Advertising_needs_the_prefix_and_an_opt_out_number()
    {
        var errors = ErrorsOf(Valid() with { Kind = CampaignKind.Advertising, Content = "겨울 세일 50%" });
        Assert.Equal(2, errors["content"].Length);

        CampaignValidator.Validate(Shop, Valid() with { Kind = CampaignKind.Advertising, Channel = Channel.Lms, Content = "(광고) 겨울 세일 50% 무료거부 080-123-4567" }, "c1", Now);
    }

    [Fact]
    public void Channels_not_built_yet_are_refused_clearly()
    {
        Assert.Contains("not available yet", Assert.Single(ErrorsOf(Valid() with { Channel = Channel.AppPush })["channel"]));
    }

    [Fact]
    public void Lms_subject_is_limited_to_40_bytes_and_sms_has_none()
    {
        Assert.Contains("42 bytes", Assert.Single(ErrorsOf(Valid() with { Channel = Channel.Lms, Subject = new string('가', 21) })["subject"]));
        Assert.Contains("Only LMS and MMS have a subject", Assert.Single(ErrorsOf(Valid() with { Subject = "제목" })["subject"]));
    }

    [Fact]
    public void Long_sms_becomes_lms_only_where_the_tenant_allows_it()
    {
        var longText = Valid() with { Content = new string('가', 50) };
        Assert.Contains("100 bytes", Assert.Single(ErrorsOf(longText)["content"]));

        var converted = CampaignValidator.Validate(Shop with { AllowLmsConversion = true }, longText, "c1", Now);
        Assert.Equal(Channel.Lms, converted.Campaign.Channel);
    }

    [Fact]
    public void Alimtalk_needs_a_template_carries_no_advertising_and_counts_characters_not_bytes()
    {
        var alimTalk = Valid() with { Channel = Channel.AlimTalk, TemplateCode = "ORDER_SHIPPED", Content = new string('가', 1000) };
        Assert.Equal(Channel.AlimTalk, CampaignValidator.Validate(Shop, alimTalk, "c1", Now).Campaign.Channel);

        Assert.Contains("1001 characters", Assert.Single(ErrorsOf(alimTalk with { Content = new string('가', 1001) })["content"]));
        Assert.Contains("templateCode", ErrorsOf(alimTalk with { TemplateCode = null }).Keys);
        Assert.Contains("informational", Assert.Single(ErrorsOf(alimTalk with { Kind = CampaignKind.Advertising, Content = "(광고) 세일 080-123-4567" })["kind"]));
        Assert.Contains("Kakao channel", Assert.Single(ErrorsOf(alimTalk, Shop with { KakaoChannelId = null })["channel"]));
    }

    [Fact]
    public void Friendtalk_wide_is_limited_to_76_characters_and_needs_an_image()
    {
        var wide = Valid() with { Channel = Channel.FriendTalk, FriendTalkType = FriendTalkType.Wide, ImageId = "img-1", Content = new string('a', 76) };
        Assert.Equal(FriendTalkType.Wide, CampaignValidator.Validate(Shop, wide, "c1", Now).Campaign.FriendTalkType);
        Assert.Contains("77 characters", Assert.Single(ErrorsOf(wide with { Content = new string('a', 77) })["content"]));
        Assert.Contains("imageId", ErrorsOf(wide with { ImageId = null }).Keys);
    }

    [Fact]
    public void Send_time_in_the_past_means_now_and_more_than_a_year_ahead_is_refused()
    {
        Assert.Equal(Now, CampaignValidator.Validate(Shop, Valid() with { SendAt = Now.AddHours(-1) }, "c1", Now).Campaign.SendAt);
        Assert.Contains("sendAt", ErrorsOf(Valid() with { SendAt = Now.AddDays(400) }).Keys);
    }
}
