using Crm.Core.Common;

namespace Crm.Tests.Core;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("010-1234-5678", "01012345678")]
    [InlineData("01012345678", "01012345678")]
    [InlineData("+82 10-1234-5678", "01012345678")]
    [InlineData("+821012345678", "01012345678")]
    [InlineData(" 010.1234.5678 ", "01012345678")]
    [InlineData("011-123-4567", "0111234567")]
    public void Normalizes_korean_mobiles(string input, string expected)
    {
        Assert.True(PhoneNumber.TryNormalizeMobile(input, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("02-123-4567")]
    [InlineData("010-1234-567")]
    [InlineData("010-1234-56789")]
    [InlineData("010-1234-567a")]
    [InlineData("+1 650 555 1234")]
    [InlineData("012-1234-5678")]
    public void Rejects_what_is_not_a_korean_mobile(string? input)
    {
        Assert.False(PhoneNumber.TryNormalizeMobile(input, out _));
    }

    [Theory]
    [InlineData("02-123-4567", "021234567")]
    [InlineData("1588-1234", "15881234")]
    [InlineData("010-1234-5678", "01012345678")]
    public void Sender_numbers_include_landlines_and_representative_numbers(string input, string expected)
    {
        Assert.True(PhoneNumber.TryNormalizeSender(input, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Fact]
    public void Masks_the_middle_of_a_number_for_logs()
    {
        Assert.Equal("010-****-5678", PhoneNumber.Mask("01012345678"));
        Assert.Equal("***", PhoneNumber.Mask("123"));
    }
}
