using Crm.Core.Workflows;

namespace Crm.Tests.Core;

public sealed class ActivityRetryPolicyTests
{
    [Fact]
    public void Backs_off_exponentially_up_to_the_maximum()
    {
        var policy = new ActivityRetryPolicy(6, TimeSpan.FromSeconds(2), 2.0, TimeSpan.FromSeconds(10));
        Assert.Equal([2, 4, 8, 10, 10], Enumerable.Range(2, 5).Select(a => policy.DelayBefore(a).TotalSeconds));
    }
}
