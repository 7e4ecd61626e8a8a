using Crm.Core.Audiences;
using Crm.Core.Audiences.Conditions;

namespace Crm.Tests.Core;

/// <summary>G1: the group condition language, parsed and evaluated in Seoul time.</summary>
public sealed class ConditionTests
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    // 2026-11-23 10:00 in Seoul.
    private static readonly EvaluationContext Context = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(9)), Seoul);

    private static readonly Customer Vip = new()
    {
        Phone = "01011112222",
        Name = "김철수",
        Grade = "VIP",
        MarketingConsent = true,
        LastOrderAt = new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.FromHours(9)),
        TotalSpent = 1_250_000,
        Custom = new Dictionary<string, CustomValue> { ["level"] = new(Number: 3), ["hasCard"] = new(Flag: true), ["city"] = new(Text: "서울 강남구") },
    };

    private static readonly Customer Newcomer = new() { Phone = "01033334444", Grade = "BASIC" };

    private static bool Match(string condition, Customer customer) => Condition.Parse(condition).Matches(customer, Context);

    [Theory]
    [InlineData("grade = 'VIP'", true, false)]
    [InlineData("grade != 'VIP'", false, true)]
    [InlineData("totalSpent > 1000000", true, false)]
    [InlineData("totalSpent >= 1250000", true, false)]
    [InlineData("totalSpent < 1250000", false, true)]
    [InlineData("totalSpent <= 0", false, true)]
    [InlineData("grade in ('VIP', 'GOLD')", true, false)]
    [InlineData("name contains '철'", true, false)]
    [InlineData("lastOrderAt exists", true, false)]
    [InlineData("marketingConsent = true", true, false)]
    [InlineData("not marketingConsent = true", false, true)]
    public void Every_operator(string condition, bool vip, bool newcomer)
    {
        Assert.Equal((vip, newcomer), (Match(condition, Vip), Match(condition, Newcomer)));
    }

    [Fact]
    public void The_classic_vip_group_of_domain_g1()
    {
        const string condition = "grade = 'VIP' and lastOrderAt >= now-90d and marketingConsent = true";
        Assert.True(Match(condition, Vip));
        Assert.False(Match(condition, Vip with { LastOrderAt = Context.Now.AddDays(-91) }));
        Assert.False(Match(condition, Vip with { MarketingConsent = false }));
    }

    [Fact]
    public void And_binds_tighter_than_or_and_parentheses_change_it()
    {
        Assert.True(Match("grade = 'BASIC' or grade = 'VIP' and totalSpent > 0", Newcomer));
        Assert.False(Match("(grade = 'BASIC' or grade = 'VIP') and totalSpent > 0", Newcomer));
    }

    [Fact]
    public void Date_literals_are_midnight_in_seoul_and_relative_dates_count_from_now()
    {
        var orderedLateOnNov1Utc = Vip with { LastOrderAt = new DateTimeOffset(2026, 10, 31, 16, 30, 0, TimeSpan.Zero) }; // 01:30 on Nov 1 in Seoul
        Assert.True(Match("lastOrderAt >= 2026-11-01", orderedLateOnNov1Utc));
        Assert.False(Match("lastOrderAt >= 2026-11-01T02:00", orderedLateOnNov1Utc));
        Assert.True(Match("lastOrderAt < now-2w", Vip));
        Assert.False(Match("lastOrderAt < now-60d", Vip));
        Assert.True(Match("lastOrderAt < now+1d", Vip));
    }

    [Fact]
    public void Custom_fields_compare_by_the_kind_of_their_value()
    {
        Assert.True(Match("custom.level >= 3 and custom.hasCard = true and custom.city contains '강남'", Vip));
        Assert.False(Match("custom.level = 'three'", Vip));
        Assert.False(Match("custom.level exists", Newcomer));
    }

    [Theory]
    [InlineData("", 1, "empty")]
    [InlineData("grade = ", 9, "Expected a value")]
    [InlineData("grdae = 'VIP'", 1, "Unknown field 'grdae'")]
    [InlineData("grade > 5", 9, "grade is a text field")]
    [InlineData("lastOrderAt >= now-90x", 16, "not a relative date")]
    [InlineData("(grade = 'VIP'", 15, "Expected ')'")]
    [InlineData("grade = 'VIP", 9, "no closing quote")]
    [InlineData("grade = 'VIP' and", 18, "Expected a field name")]
    [InlineData("grade 'VIP'", 7, "Expected =")]
    [InlineData("grade = 'VIP' totalSpent > 1", 15, "Expected 'and', 'or' or the end")]
    [InlineData("grade ! 'VIP'", 7, "'!' must be followed by '='")]
    [InlineData("lastOrderAt > 2026-13-01", 15, "not a date")]
    [InlineData("lastOrderAt >= 0001-01-01", 16, "out of range; dates in conditions are from 1900-01-01 to 2999-12-31")]
    [InlineData("lastOrderAt < 9999-12-31T23:59", 15, "out of range")]
    [InlineData("lastOrderAt in (2026-01-01, 1899-12-31)", 29, "out of range")]
    [InlineData("lastOrderAt >= now-36501d", 16, "at most 36,500 days from now")]
    [InlineData("lastOrderAt >= now+5215w", 16, "out of range")]
    [InlineData("lastOrderAt >= now-876001h", 16, "out of range")]
    [InlineData("lastOrderAt >= now-9223372036854775808d", 16, "out of range")]
    [InlineData("totalSpent > 1000000000000000", 14, "out of range; numbers in conditions are between -999,999,999,999,999 and 999,999,999,999,999")]
    [InlineData("custom.level < -1000000000000000", 16, "out of range")]
    public void Errors_point_at_the_character(string condition, int position, string message)
    {
        var ex = Assert.Throws<ConditionParseException>(() => Condition.Parse(condition));
        Assert.Equal(position, ex.Position);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Parentheses_and_not_nest_up_to_the_limit_and_one_level_more_is_an_error_at_that_character()
    {
        var deepest = new string('(', Condition.MaxDepth) + "grade = 'VIP'" + new string(')', Condition.MaxDepth);
        Assert.True(Match(deepest, Vip));
        Assert.IsType<NotCondition>(Condition.Parse(string.Concat(Enumerable.Repeat("not ", Condition.MaxDepth)) + "grade = 'VIP'"));
        Assert.IsType<NotCondition>(Condition.Parse(string.Concat(Enumerable.Repeat("not (", Condition.MaxDepth / 2)) + "grade = 'VIP'" + new string(')', Condition.MaxDepth / 2)));

        var tooDeep = Assert.Throws<ConditionParseException>(() => Condition.Parse("(" + deepest + ")"));
        Assert.Equal(Condition.MaxDepth + 1, tooDeep.Position);
        Assert.Contains($"at most {Condition.MaxDepth} levels", tooDeep.Message);
        var tooManyNots = Assert.Throws<ConditionParseException>(() => Condition.Parse(string.Concat(Enumerable.Repeat("not ", Condition.MaxDepth + 1)) + "grade = 'VIP'"));
        Assert.Equal((4 * Condition.MaxDepth) + 1, tooManyNots.Position);
    }

    [Theory]
    [InlineData(30_000, "(", ")")] // 60 KB of parentheses: overflowed the stack and ended the process
    [InlineData(100_001, "not ", "")]
    public void A_condition_longer_than_the_limit_is_refused_before_it_is_parsed(int nesting, string open, string close)
    {
        var condition = string.Concat(Enumerable.Repeat(open, nesting)) + "grade = 'VIP'" + string.Concat(Enumerable.Repeat(close, nesting));

        var ex = Assert.Throws<ConditionParseException>(() => Condition.Parse(condition));

        Assert.Equal(Condition.MaxLength + 1, ex.Position);
        Assert.Contains($"at most {Condition.MaxLength:N0} characters", ex.Message);
    }

    [Fact]
    public void A_long_chain_of_and_or_within_the_length_limit_parses_and_evaluates_flat()
    {
        var terms = (Condition.MaxLength - 100) / "grade = 'X' or ".Length;
        var condition = string.Join(" or ", Enumerable.Repeat("grade = 'X'", terms)) + " or grade = 'VIP' and " + string.Join(" and ", Enumerable.Repeat("phone exists", 3));

        var parsed = Assert.IsType<OrCondition>(Condition.Parse(condition));

        Assert.Equal(terms + 1, parsed.Terms.Count);
        Assert.Equal(4, Assert.IsType<AndCondition>(parsed.Terms[^1]).Terms.Count);
        Assert.True(parsed.Matches(Vip, Context));
        Assert.False(parsed.Matches(Newcomer, Context));
    }

    [Theory]
    [InlineData("lastOrderAt >= 1900-01-01")]
    [InlineData("lastOrderAt < 2999-12-31T23:59:59")]
    [InlineData("lastOrderAt >= now-36500d and lastOrderAt < now+5214w and lastOrderAt > now-876000h")]
    [InlineData("totalSpent < 999999999999999 and totalSpent > -999999999999999")]
    public void Values_at_the_ends_of_their_ranges_evaluate_in_every_zone(string condition)
    {
        var parsed = Condition.Parse(condition);

        foreach (var zone in new[] { "Etc/GMT-14", "Asia/Seoul", "Etc/GMT+12" })
        {
            Assert.True(parsed.Matches(Vip, Context with { Zone = TimeZoneInfo.FindSystemTimeZoneById(zone) }));
        }
    }
}
