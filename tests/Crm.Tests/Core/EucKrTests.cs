using Crm.Core.Common;

namespace Crm.Tests.Core;

public sealed class EucKrTests
{
    [Theory]
    [InlineData("hello", 5)]
    [InlineData("안녕하세요", 10)]
    [InlineData("(광고) Sale 50%", 15)]
    [InlineData("똠방각하", 8)] // 똠 is outside KS X 1001 but CP949 still counts it as 2 bytes
    public void Counts_hangul_as_two_bytes_and_ascii_as_one(string text, int expected)
    {
        Assert.True(EucKr.TryGetByteCount(text, out var bytes, out _));
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Refuses_emoji_and_names_where()
    {
        Assert.False(EucKr.TryGetByteCount("주문 완료 😀", out _, out var index));
        Assert.Equal(6, index);
    }
}
