using System.Text.Json.Nodes;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Providers;
using Crm.Providers.Solapi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Providers;

/// <summary>
/// The Solapi adapter over real HTTP against <see cref="SolapiStub"/>: message groups created, filled
/// and sent once, a retry after a lost answer that sends nothing twice, the signed requests, the
/// message shape per channel, reports mapped back by reference through the status code table,
/// faults that retry and refusals that do not.
/// </summary>
public sealed class SolapiProviderTests
{
    private const string Sender = "02-1234-5678";
    private static readonly BatchStep Step = new(new BatchRef("shop", "0123456789abcdef0123456789abcdef", 1), SendStep.Send);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_batch_of_1000_SMS_goes_in_one_group_one_add_and_one_send_each_message_registered_then_delivered()
    {
        await using var stub = await SolapiStub.StartAsync();
        stub.ReportDelay = TimeSpan.FromMilliseconds(300);
        using var http = new HttpClient();
        var provider = Provider(stub, http);
        var request = Request(Channel.Sms, 1_000, subject: "공지"); // a subject on SMS would be refused (1013): it must be dropped

        var groupId = await provider.CreateGroupAsync(Step.Label, Ct);
        var sent = await provider.SendGroupAsync(groupId, request, Ct);

        Assert.Empty(stub.Problems);
        Assert.True(sent.Sent);
        Assert.Equal(1_000, stub.Sent.Count);
        Assert.All(stub.Sent, m => Assert.Equal(("SMS", null), ((string?)m["type"], (string?)m["subject"])));
        Assert.All(sent.Messages, m => Assert.Equal(DeliveryState.Pending, m.Status.State));
        Assert.Equal(request.Messages.Select(m => m.Reference).Order(), sent.Messages.Select(m => m.Reference).Order());
        Assert.Equal(1_000, sent.Messages.Select(m => m.ProviderMessageId).Distinct().Count());

        await Task.Delay(500, Ct);
        var read = await provider.ReadGroupAsync(groupId, Ct);
        Assert.All(read.Messages, m => Assert.Equal(("4000", DeliveryState.Delivered), (m.Status.Code, m.Status.State)));
    }

    [Fact]
    public async Task The_message_shape_per_channel_is_solapis_with_our_reference_in_custom_fields()
    {
        await using var stub = await SolapiStub.StartAsync();
        using var http = new HttpClient();
        var provider = Provider(stub, http);
        var alimTalk = Request(Channel.AlimTalk, 2, kakao: new KakaoOptions("KA01PF230419000000000001", "TPL_ORDER_SHIPPED", null, null));

        await provider.SendGroupAsync(await provider.CreateGroupAsync(Step.Label, Ct), alimTalk, Ct);

        Assert.Empty(stub.Problems);
        Assert.Equal(2, stub.Sent.Count);
        Assert.All(stub.Sent, m =>
        {
            Assert.Equal(("ATA", "0212345678", false), ((string?)m["type"], (string?)m["from"], m["autoTypeDetect"]!.GetValue<bool>()));
            Assert.Equal(("KA01PF230419000000000001", "TPL_ORDER_SHIPPED"), ((string?)m["kakaoOptions"]!["pfId"], (string?)m["kakaoOptions"]!["templateId"]));
            Assert.True(m["kakaoOptions"]!["disableSms"]!.GetValue<bool>()); // the CRM sends and charges its own fallback (D5)
            Assert.StartsWith(Step.Label + "/", (string?)m["crm"], StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Registration_refusals_and_later_reports_keep_solapis_codes_and_their_meaning()
    {
        await using var stub = await SolapiStub.StartAsync();
        stub.ReportDelay = TimeSpan.FromMilliseconds(200);
        stub.Refusals[Phone(1)] = "1060"; // blocked recipient: refused at registration
        stub.ReportCodes[Phone(2)] = "3104"; // not a KakaoTalk user: reported later
        stub.ReportCodes[Phone(3)] = "3107";
        using var http = new HttpClient();
        var provider = Provider(stub, http);
        var groupId = await provider.CreateGroupAsync(Step.Label, Ct);

        var sent = (await provider.SendGroupAsync(groupId, Request(Channel.AlimTalk, 5, kakao: new KakaoOptions("PF1", "TPL", null, null)), Ct)).Messages.ToDictionary(m => m.To);
        await Task.Delay(400, Ct);
        var read = (await provider.ReadGroupAsync(groupId, Ct)).Messages.ToDictionary(m => m.To);

        Assert.Equal(("1060", DeliveryState.Failed, false), (sent[Phone(1)].Status.Code, sent[Phone(1)].Status.State, sent[Phone(1)].Status.FallbackEligible));
        Assert.Equal(DeliveryState.Pending, sent[Phone(2)].Status.State);
        Assert.Equal(("3104", DeliveryState.Failed, true, true), (read[Phone(2)].Status.Code, read[Phone(2)].Status.State, read[Phone(2)].Status.Refundable, read[Phone(2)].Status.FallbackEligible));
        Assert.Contains("72", read[Phone(3)].Status.Reason, StringComparison.Ordinal);
        Assert.Equal(DeliveryState.Delivered, read[Phone(0)].Status.State);
        Assert.Equal(4, stub.Sent.Count); // the refused one was never sent
    }

    [Fact]
    public async Task A_send_whose_answer_was_lost_is_retried_without_sending_anything_twice()
    {
        await using var stub = await SolapiStub.StartAsync();
        stub.LoseAnswer = (n, _) => n == 4; // create, get, list, add, … : the add's answer is lost
        using var http = new HttpClient();
        var provider = Provider(stub, http);
        var request = Request(Channel.Sms, 300);
        var groupId = await provider.CreateGroupAsync(Step.Label, Ct);

        await Assert.ThrowsAsync<TransientProviderException>(() => provider.SendGroupAsync(groupId, request, Ct));
        var retried = await provider.SendGroupAsync(groupId, request, Ct);
        stub.LoseAnswer = (_, _) => true; // every answer lost from here: the provider keeps working
        await Assert.ThrowsAsync<TransientProviderException>(() => provider.SendGroupAsync(groupId, request, Ct));
        stub.LoseAnswer = (_, _) => false;
        var again = await provider.SendGroupAsync(groupId, request, Ct);

        Assert.Empty(stub.Problems);
        Assert.Equal(300, stub.Sent.Count);
        Assert.Equal(300, stub.Sent.Select(m => (string?)m["to"]).Distinct().Count());
        Assert.Equal(300, retried.Messages.Count);
        Assert.Equal(retried.Messages.Select(m => m.ProviderMessageId).Order(), again.Messages.Select(m => m.ProviderMessageId).Order());
    }

    [Fact]
    public async Task A_retry_that_no_longer_sends_a_message_an_earlier_attempt_added_removes_it_from_the_group_before_sending()
    {
        await using var stub = await SolapiStub.StartAsync();
        stub.Fault = n => n == 5 ? 503 : null; // create, get, list, add, send (503): the group holds 5 messages, unsent
        using var http = new HttpClient();
        var provider = Provider(stub, http);
        var first = Request(Channel.Sms, 5);
        var groupId = await provider.CreateGroupAsync(Step.Label, Ct);
        await Assert.ThrowsAsync<TransientProviderException>(() => provider.SendGroupAsync(groupId, first, Ct));

        // The retry leaves out recipient 2 (opted out meanwhile, G4): the message the first attempt added must not go out with the group.
        var retry = first with { Messages = first.Messages.Where(m => m.To != Phone(2)).ToList() };
        var sent = await provider.SendGroupAsync(groupId, retry, Ct);

        Assert.Equal(4, stub.Sent.Count);
        Assert.DoesNotContain(stub.Sent, m => (string?)m["to"] == Phone(2));
        Assert.Equal(retry.Messages.Select(m => m.Reference).Order(), sent.Messages.Select(m => m.Reference).Order());
    }

    [Fact]
    public async Task Discarding_a_pending_group_deletes_it_so_a_later_send_sends_nothing_and_discarding_a_sent_group_reads_it()
    {
        await using var stub = await SolapiStub.StartAsync();
        using var http = new HttpClient();
        var provider = Provider(stub, http);
        var pending = await provider.CreateGroupAsync(Step.Label, Ct);
        var sentGroup = await provider.CreateGroupAsync(Step.Label, Ct);
        await provider.SendGroupAsync(sentGroup, Request(Channel.Sms, 3), Ct);

        var discarded = await provider.DiscardGroupAsync(pending, Ct);
        var late = await provider.SendGroupAsync(pending, Request(Channel.Sms, 2), Ct); // an attempt still in flight comes too late
        var notDiscarded = await provider.DiscardGroupAsync(sentGroup, Ct);

        Assert.Equal((false, 0), (discarded.Sent, discarded.Messages.Count));
        Assert.Equal((false, 0), (late.Sent, late.Messages.Count));
        Assert.Equal((true, 3), (notDiscarded.Sent, notDiscarded.Messages.Count));
        Assert.Equal(3, stub.Sent.Count);
    }

    [Fact]
    public async Task FriendTalk_text_and_image_are_sendable_and_wide_and_carousel_are_refused_at_submission()
    {
        await using var stub = await SolapiStub.StartAsync();
        using var http = new HttpClient();
        var provider = Provider(stub, http);

        Assert.Null(provider.Refuses(Channel.FriendTalk, FriendTalkType.Text));
        Assert.Null(provider.Refuses(Channel.FriendTalk, FriendTalkType.Image));
        Assert.Contains("brand message", provider.Refuses(Channel.FriendTalk, FriendTalkType.Wide));
        Assert.Contains("carousel", provider.Refuses(Channel.FriendTalk, FriendTalkType.Carousel));
        Assert.NotNull(provider.Refuses(Channel.AppPush, null));

        var image = Request(Channel.FriendTalk, 1, kakao: new KakaoOptions("PF1", null, FriendTalkType.Image, "IMG1"));
        await provider.SendGroupAsync(await provider.CreateGroupAsync(Step.Label, Ct), image, Ct);
        Assert.Empty(stub.Problems);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task Server_errors_and_throttling_are_transient_and_the_retry_is_signed_anew(int status)
    {
        await using var stub = await SolapiStub.StartAsync();
        stub.Fault = n => n == 1 ? status : null;
        using var http = new HttpClient();
        var provider = Provider(stub, http);

        var fault = await Assert.ThrowsAsync<TransientProviderException>(() => provider.CreateGroupAsync(Step.Label, Ct));
        var groupId = await provider.CreateGroupAsync(Step.Label, Ct);

        Assert.Contains(status.ToString(), fault.Message);
        Assert.StartsWith("G4V", groupId, StringComparison.Ordinal);
        Assert.Empty(stub.Problems); // the retry's signature is new (a reused one is refused as DuplicatedSignature)
    }

    [Fact]
    public async Task No_answer_in_time_is_transient_but_the_callers_cancellation_is_not()
    {
        await using var stub = await SolapiStub.StartAsync();
        stub.LoseAnswer = (_, _) => true;
        using var http = new HttpClient();

        await Assert.ThrowsAsync<TransientProviderException>(() => Provider(stub, http).CreateGroupAsync(Step.Label, Ct));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Provider(stub, http).CreateGroupAsync(Step.Label, cancelled.Token));
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_403_and_surfaces_as_a_permanent_rejection()
    {
        await using var stub = await SolapiStub.StartAsync();
        using var http = new HttpClient();

        var refused = await Assert.ThrowsAsync<SolapiRequestRejectedException>(() => Provider(stub, http, secret: "wrong-secret-0123456789").CreateGroupAsync(Step.Label, Ct));

        Assert.Equal((403, "SignatureDoesNotMatch"), (refused.HttpStatus, refused.ErrorCode));
        Assert.IsAssignableFrom<PermanentDeliveryException>(refused);
    }

    [Fact]
    public async Task A_clock_more_than_15_minutes_off_is_refused_as_RequestTimeTooSkewed()
    {
        await using var stub = await SolapiStub.StartAsync();
        using var http = new HttpClient();
        var skewed = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-20));

        var refused = await Assert.ThrowsAsync<SolapiRequestRejectedException>(() => Provider(stub, http, time: skewed).CreateGroupAsync(Step.Label, Ct));

        Assert.Equal("RequestTimeTooSkewed", refused.ErrorCode);
    }

    [Fact]
    public async Task More_messages_than_one_add_takes_go_in_several_adds_and_a_long_group_is_read_page_by_page()
    {
        await using var stub = await SolapiStub.StartAsync();
        using var http = new HttpClient();
        var provider = Provider(stub, http, maxPerRequest: 300);
        var groupId = await provider.CreateGroupAsync(Step.Label, Ct);

        var sent = await provider.SendGroupAsync(groupId, Request(Channel.Sms, 1_000), Ct);

        Assert.Empty(stub.Problems);
        Assert.Equal(1_000, sent.Messages.Count);
        Assert.Equal(1_000, stub.Sent.Count);
        Assert.Equal(1 + 2 + 4 + 1 + 1 + 2, stub.Requests); // create; get, list; 4 adds; send; get, list (2 pages of 500)
    }

    [Fact]
    public async Task MessagingProvider_Solapi_registers_a_provider_that_sends_to_the_configured_base_url()
    {
        await using var stub = await SolapiStub.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            [SettingNames.MessagingProvider] = "Solapi",
            [SettingNames.SolapiApiKey] = stub.ApiKey,
            [SettingNames.SolapiApiSecret] = stub.ApiSecret,
            [SettingNames.SolapiBaseUrl] = stub.BaseUrl.ToString(),
        };
        var services = new ServiceCollection().AddSingleton(new Crm.Storage.Clients.StorageClients(new Crm.Storage.Clients.StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }, new Crm.Storage.Clients.RequestCounter()));
        await using var provider = services.AddCrmProviders(name => settings.GetValueOrDefault(name)).BuildServiceProvider();

        var solapi = Assert.IsType<SolapiProvider>(provider.GetRequiredService<IMessageProvider>());
        var sent = await solapi.SendGroupAsync(await solapi.CreateGroupAsync(Step.Label, Ct), Request(Channel.Sms, 3), Ct);

        Assert.Empty(stub.Problems);
        Assert.Equal(3, sent.Messages.Count);
    }

    private static SolapiProvider Provider(SolapiStub stub, HttpClient http, string? secret = null, int maxPerRequest = 1_000, TimeProvider? time = null) =>
        new(http, new SolapiOptions { ApiKey = stub.ApiKey, ApiSecret = secret ?? stub.ApiSecret, BaseUrl = stub.BaseUrl, MaxMessagesPerRequest = maxPerRequest }, time ?? TimeProvider.System);

    private static ProviderSendRequest Request(Channel channel, int count, string? subject = null, KakaoOptions? kakao = null) =>
        new(Step.Batch.TenantId, Step.Batch.CampaignId, channel, Sender, subject,
            Enumerable.Range(0, count).Select(i => new ProviderMessage(Step.Reference(i), Phone(i), $"김철수님, 주문하신 상품이 발송되었습니다. ({i})")).ToList(),
            kakao);

    private static string Phone(int i) => $"010{i:D8}";
}
