using Crm.Core.Campaigns;

namespace Crm.Tests.Core;

public sealed class MessageTemplateTests
{
    [Fact]
    public void Fills_every_placeholder_per_recipient()
    {
        var text = MessageTemplate.Render("#{name}님, #{grade} 등급 혜택! #{name}님 감사합니다", new Dictionary<string, string> { ["name"] = "김철수", ["grade"] = "VIP" });
        Assert.Equal("김철수님, VIP 등급 혜택! 김철수님 감사합니다", text);
    }

    [Fact]
    public void Lists_placeholders_once_each()
    {
        Assert.Equal(["name", "쿠폰"], MessageTemplate.Placeholders("#{name} #{쿠폰} #{name}"));
    }

    [Fact]
    public void A_missing_value_is_an_error_not_a_blank()
    {
        Assert.Throws<InvalidOperationException>(() => MessageTemplate.Render("#{name}님", null));
    }
}
