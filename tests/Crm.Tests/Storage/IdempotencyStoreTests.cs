using Crm.Core.Api;
using Crm.Storage.Api;
using Crm.Tests.Fixtures;

namespace Crm.Tests.Storage;

public sealed class IdempotencyStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private readonly TableIdempotencyStore _store = new(azurite.NewClients());
    private readonly string _tenant = Ids.Tenant();

    private static IdempotencyRecord Claim(string fingerprint, DateTimeOffset at) => new(fingerprint, at, at + IdempotentRequests.Lease);

    [Fact]
    public async Task A_key_is_claimed_once_and_then_read_back_with_its_response()
    {
        var ct = TestContext.Current.CancellationToken;

        var first = await _store.TryAddAsync(_tenant, "k-1", Claim("f1", Now), ct);
        var second = await _store.TryAddAsync(_tenant, "k-1", Claim("f2", Now.AddSeconds(1)), ct);
        await _store.CompleteAsync(_tenant, "k-1", new StoredResponse(202, "{\"id\":1}", "/api/x", false), ct);
        var done = await _store.TryAddAsync(_tenant, "k-1", Claim("f3", Now.AddSeconds(2)), ct);

        Assert.Null(first);
        Assert.Equal(("f1", Now, Now + IdempotentRequests.Lease, (StoredResponse?)null), (second!.Fingerprint, second.ClaimedAt, second.LeaseUntil, second.Response));
        Assert.Equal(new StoredResponse(202, "{\"id\":1}", "/api/x", false), done!.Response);
        Assert.Equal(("f1", Now), (done.Fingerprint, done.ClaimedAt));
    }

    [Fact]
    public async Task Of_two_takeovers_of_one_expired_lease_only_one_wins_and_the_claim_time_stays()
    {
        var ct = TestContext.Current.CancellationToken;
        await _store.TryAddAsync(_tenant, "k-2", Claim("f", Now), ct);
        var later = Now + IdempotentRequests.Lease + TimeSpan.FromSeconds(1);
        var readByOne = (await _store.TryAddAsync(_tenant, "k-2", Claim("f", later), ct))!;
        var readByOther = (await _store.TryAddAsync(_tenant, "k-2", Claim("f", later), ct))!;

        var one = await _store.TryTakeOverAsync(_tenant, "k-2", readByOne, later + IdempotentRequests.Lease, ct);
        var other = await _store.TryTakeOverAsync(_tenant, "k-2", readByOther, later + IdempotentRequests.Lease, ct);
        var now = (await _store.TryAddAsync(_tenant, "k-2", Claim("f", later), ct))!;

        Assert.Equal((true, false), (one, other));
        Assert.Equal((Now, later + IdempotentRequests.Lease), (now.ClaimedAt, now.LeaseUntil));
    }

    [Fact]
    public async Task An_ended_lease_is_over_at_once_and_a_released_key_is_free()
    {
        var ct = TestContext.Current.CancellationToken;
        await _store.TryAddAsync(_tenant, "k-3", Claim("f", Now), ct);
        await _store.TryAddAsync(_tenant, "k-4", Claim("f", Now), ct);

        await _store.EndLeaseAsync(_tenant, "k-3", Now.AddSeconds(5), ct);
        await _store.ReleaseAsync(_tenant, "k-4", ct);

        Assert.Equal(Now.AddSeconds(5), (await _store.TryAddAsync(_tenant, "k-3", Claim("g", Now), ct))!.LeaseUntil);
        Assert.Null(await _store.TryAddAsync(_tenant, "k-4", Claim("g", Now), ct));
    }
}
