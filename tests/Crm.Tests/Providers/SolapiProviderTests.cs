using System.Text.Json.Nodes;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Providers;
using Crm.Providers.Solapi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Providers;

/// <summary>
/// The Solapi adapter over real HTTP against <see cref="SolapiStub"/>: the signed request, the body's
/// shape per channel, results mapped back by reference, faults that retry and refusals that do not.
/// </summary>
public sealed class SolapiProviderTests
{
    private const string Sender = "02-1234-5678";

    [Fact]
    public async Task A_batch_of_1000_SMS_is_one_signed_request_and_every_message_is_accepted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stub = await SolapiStub.StartAsync();
        using var http = new HttpClient();
        var request = Request(Channel.Sms, 1_000, subject: "공지"); // a subject on SMS would be refused (1013): it must be dropped

        var results = await Provider(stub, http).SendAsync(request, ct);

        Assert.Empty(stub.Problems);
        Assert.Equal(1, stub.Requests);
        var body = Assert.Single(stub.Accepted);
        Assert.False(body["allowDuplicates"]!.GetValue<bool>());
        Assert.True(body["showMessageList"]!.GetValue<bool>());
        var sent = Messages(body);
        Assert.Equal(1_000, sent.Count);
        Assert.All(sent, m =>
        {
            Assert.Equal("SMS", (string?)m["type"]);
            Assert.Equal("0212345678", (string?)m["from"]);
            Assert.False(m["autoTypeDetect"]!.GetValue<bool>());
            Assert.Null(m["subject"]);
            Assert.Null(m["kakaoOptions"]);
        });
        Assert.Equal(request.Messages.Select(m => m.To), sent.Select(m => (string?)m["to"]));

        Assert.Equal(request.Messages.Select(m => m.Reference), results.Select(r => r.Reference));
        Assert.All(results, r => Assert.True(r.Accepted && r.FailureCode is null && r.ProviderMessageId is not null));
        Assert.Equal(1_000, results.Select(r => r.ProviderMessageId).Distinct().Count());
    }

    [Fact]
    public async Task AlimTalk_goes_as_ATA_without_Solapis_own_SMS_fallback_and_refusals_keep_Solapis_codes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stub = await SolapiStub.StartAsync();
        stub.Refusals[Phone(1)] = ("1060", "차단된 수신번호");
        stub.Refusals[Phone(3)] = ("1061", "사용자에 의해 수신거부 됨(080무료수신거부)");
        using var http = new HttpClient();
        var request = Request(Channel.AlimTalk, 5, kakao: new KakaoOptions("KA01PF230419000000000001", "TPL_ORDER_SHIPPED", null, null));

        var results = await Provider(stub, http).SendAsync(request, ct);

        Assert.Empty(stub.Problems);
        Assert.All(Messages(Assert.Single(stub.Accepted)), m =>
        {
            Assert.Equal("ATA", (string?)m["type"]);
            var kakao = m["kakaoOptions"]!.AsObject();
            Assert.Equal("KA01PF230419000000000001", (string?)kakao["pfId"]);
            Assert.Equal("TPL_ORDER_SHIPPED", (string?)kakao["templateId"]);
            Assert.True(kakao["disableSms"]!.GetValue<bool>());
        });

        Assert.Equal(request.Messages.Select(m => m.Reference), results.Select(r => r.Reference));
        Assert.Equal([true, false, true, false, true], results.Select(r => r.Accepted));
        Assert.Equal(("1060", "차단된 수신번호"), (results[1].FailureCode, results[1].FailureReason));
        Assert.Equal("1061", results[3].FailureCode);
        Assert.NotNull(results[1].ProviderMessageId);
    }

    [Theory]
    [InlineData(FriendTalkType.Text, "CTA")]
    [InlineData(FriendTalkType.Image, "CTI")]
    [InlineData(FriendTalkType.Wide, null)]
    [InlineData(FriendTalkType.Carousel, null)]
    public async Task FriendTalk_text_and_image_go_as_CTA_and_CTI_and_wide_and_carousel_are_not_sent(FriendTalkType format, string? type)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stub = await SolapiStub.StartAsync();
        using var http = new HttpClient();
        var request = Request(Channel.FriendTalk, 3, kakao: new KakaoOptions("KA01PF230419000000000001", null, format, "KA01IMG0001"));

        if (type is null)
        {
            await Assert.ThrowsAsync<NotSupportedException>(() => Provider(stub, http).SendAsync(request, ct));
            Assert.Equal(0, stub.Requests);
            return;
        }

        var results = await Provider(stub, http).SendAsync(request, ct);

        Assert.Empty(stub.Problems);
        Assert.All(results, r => Assert.True(r.Accepted));
        Assert.All(Messages(Assert.Single(stub.Accepted)), m =>
        {
            Assert.Equal(type, (string?)m["type"]);
            var kakao = m["kakaoOptions"]!.AsObject();
            Assert.True(kakao["disableSms"]!.GetValue<bool>());
            Assert.Null(kakao["templateId"]);
            Assert.Equal(format == FriendTalkType.Image ? "KA01IMG0001" : null, (string?)kakao["imageId"]);
        });
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task Server_errors_and_throttling_are_transient_and_the_retry_is_signed_anew(int status)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stub = await SolapiStub.StartAsync();
        stub.Fault = n => n == 1 ? status : null;
        using var http = new HttpClient();
        var provider = Provider(stub, http);
        var request = Request(Channel.Lms, 3, subject: "배송 안내");

        var fault = await Assert.ThrowsAsync<TransientProviderException>(() => provider.SendAsync(request, ct));
        var results = await provider.SendAsync(request, ct); // what the workflow's retry policy does

        Assert.Contains($"HTTP {status}", fault.Message, StringComparison.Ordinal);
        Assert.Equal(2, stub.Requests);
        Assert.Empty(stub.Problems); // a reused signature would have been refused as DuplicatedSignature
        Assert.All(results, r => Assert.True(r.Accepted));
        Assert.All(Messages(Assert.Single(stub.Accepted)), m => Assert.Equal("배송 안내", (string?)m["subject"]));
    }

    [Fact]
    public async Task No_answer_in_time_is_transient_but_the_callers_cancellation_is_not()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stub = await SolapiStub.StartAsync();
        stub.Delay = TimeSpan.FromSeconds(5);
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        var provider = Provider(stub, http);

        await Assert.ThrowsAsync<TransientProviderException>(() => provider.SendAsync(Request(Channel.Sms, 2), ct));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => provider.SendAsync(Request(Channel.Sms, 2, key: "other:send"), new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_403_and_surfaces_as_a_rejection_not_a_transient_fault()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stub = await SolapiStub.StartAsync();
        using var http = new HttpClient();
        var provider = Provider(stub, http, secret: "not-the-secret");

        var ex = await Assert.ThrowsAsync<SolapiRequestRejectedException>(() => provider.SendAsync(Request(Channel.Sms, 3), ct));

        Assert.Equal(403, ex.HttpStatus);
        Assert.Equal("SignatureDoesNotMatch", ex.ErrorCode);
        Assert.Contains("SignatureDoesNotMatch", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, stub.Requests);
        Assert.Contains("signature", Assert.Single(stub.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clock_more_than_15_minutes_off_is_refused_as_RequestTimeTooSkewed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stub = await SolapiStub.StartAsync();
        using var http = new HttpClient();
        var provider = Provider(stub, http, time: new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-20)));

        var ex = await Assert.ThrowsAsync<SolapiRequestRejectedException>(() => provider.SendAsync(Request(Channel.Sms, 1), ct));

        Assert.Equal(("RequestTimeTooSkewed", 403), (ex.ErrorCode, ex.HttpStatus));
    }

    [Fact]
    public async Task More_messages_than_the_per_request_maximum_are_split_and_the_results_merged_in_order()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stub = await SolapiStub.StartAsync();
        int[] refused = [5, 299, 300, 650, 999];
        foreach (var i in refused)
        {
            stub.Refusals[Phone(i)] = ($"10{i % 10}0", $"refused #{i}");
        }

        using var http = new HttpClient();
        var request = Request(Channel.Sms, 1_000);

        var results = await Provider(stub, http, maxPerRequest: 300).SendAsync(request, ct);

        Assert.Empty(stub.Problems);
        Assert.Equal([300, 300, 300, 100], stub.Accepted.Select(b => Messages(b).Count));
        Assert.Equal(request.Messages.Select(m => m.Reference), stub.Accepted.SelectMany(Messages).Select(m => (string?)m["customFields"]!["crmRef"]));
        Assert.Equal(request.Messages.Select(m => m.Reference), results.Select(r => r.Reference));
        Assert.Equal(refused, results.Select((r, i) => (r, i)).Where(x => !x.r.Accepted).Select(x => x.i));
        Assert.All(refused, i => Assert.Equal(($"10{i % 10}0", $"refused #{i}"), (results[i].FailureCode, results[i].FailureReason)));
    }

    [Fact]
    public async Task A_retry_after_a_failed_part_does_not_send_the_accepted_parts_again()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stub = await SolapiStub.StartAsync();
        stub.Fault = n => n == 2 ? 503 : null;
        using var http = new HttpClient();
        var provider = Provider(stub, http, maxPerRequest: 2);
        var request = Request(Channel.Sms, 5);

        await Assert.ThrowsAsync<TransientProviderException>(() => provider.SendAsync(request, ct));
        var results = await provider.SendAsync(request, ct);

        Assert.Equal(4, stub.Requests); // part 1, part 2 (503), then only parts 2 and 3
        var sentReferences = stub.Accepted.SelectMany(Messages).Select(m => (string?)m["customFields"]!["crmRef"]).ToList();
        Assert.Equal(request.Messages.Select(m => m.Reference), sentReferences);
        Assert.Equal(request.Messages.Select(m => m.Reference), results.Select(r => r.Reference));
        Assert.All(results, r => Assert.True(r.Accepted));
    }

    [Fact]
    public async Task Without_echoed_custom_fields_refusals_match_by_number_and_acceptances_by_order()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stub = await SolapiStub.StartAsync();
        stub.EchoCustomFields = false;
        stub.Refusals[Phone(2)] = ("1062", "발신번호 미등록");
        using var http = new HttpClient();
        var request = Request(Channel.Sms, 5);

        var results = await Provider(stub, http).SendAsync(request, ct);

        Assert.Equal(request.Messages.Select(m => m.Reference), results.Select(r => r.Reference));
        Assert.Equal([true, true, false, true, true], results.Select(r => r.Accepted));
        Assert.Equal("1062", results[2].FailureCode);
        var ids = results.Where(r => r.Accepted).Select(r => r.ProviderMessageId!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids); // the stub numbers registered messages in request order
    }

    [Fact]
    public async Task MessagingProvider_Solapi_registers_a_provider_that_sends_to_the_configured_base_url()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stub = await SolapiStub.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            [SettingNames.MessagingProvider] = "Solapi",
            [SettingNames.SolapiApiKey] = stub.ApiKey,
            [SettingNames.SolapiApiSecret] = stub.ApiSecret,
            [SettingNames.SolapiBaseUrl] = stub.BaseUrl.ToString(),
        };
        await using var services = new ServiceCollection().AddCrmProviders(name => settings.GetValueOrDefault(name)).BuildServiceProvider();

        var provider = Assert.IsType<SolapiProvider>(services.GetRequiredService<IMessageProvider>());
        var results = await provider.SendAsync(Request(Channel.Sms, 3), ct);

        Assert.Empty(stub.Problems);
        Assert.All(results, r => Assert.True(r.Accepted));
    }

    private static SolapiProvider Provider(SolapiStub stub, HttpClient http, string? secret = null, int maxPerRequest = 1_000, TimeProvider? time = null) =>
        new(http, new SolapiOptions { ApiKey = stub.ApiKey, ApiSecret = secret ?? stub.ApiSecret, BaseUrl = stub.BaseUrl, MaxMessagesPerRequest = maxPerRequest }, time ?? TimeProvider.System);

    private static ProviderSendRequest Request(Channel channel, int count, string key = "c1-00001:send", string? subject = null, KakaoOptions? kakao = null) =>
        new(key, "shop", "c1", channel, Sender, subject,
            Enumerable.Range(0, count).Select(i => new ProviderMessage($"c1-00001-{i:D4}", Phone(i), $"김철수님, 주문하신 상품이 발송되었습니다. ({i})")).ToList(),
            kakao);

    private static string Phone(int i) => $"010{i:D8}";

    private static List<JsonObject> Messages(JsonObject body) => body["messages"]!.AsArray().Select(n => n!.AsObject()).ToList();
}
