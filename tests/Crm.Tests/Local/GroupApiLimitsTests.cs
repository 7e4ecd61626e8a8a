using System.Text;
using System.Text.Json;
using Crm.Core.Api;
using Crm.Core.Audiences;
using Crm.Core.Audiences.Conditions;
using Crm.Core.Common;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Local;

/// <summary>
/// The group routes' handler in this process (a regression here overflowed the stack, which would
/// end a shared test host): oversized and over-nested conditions are 400s naming the field.
/// </summary>
public sealed class GroupApiLimitsTests(AzuriteFixture azurite)
{
    public static TheoryData<string> Oversized => new()
    {
        new string('(', 30_000) + "grade = 'VIP'" + new string(')', 30_000),
        string.Concat(Enumerable.Repeat("not ", 100_001)) + "grade = 'VIP'",
        "grade in (" + string.Join(", ", Enumerable.Repeat("'VIP'", 5_000)) + ")", // 35,000 characters: more than a Table Storage property holds
    };

    [Theory]
    [MemberData(nameof(Oversized))]
    public async Task A_condition_over_the_length_limit_is_a_400_naming_the_condition_on_preview_and_on_save(string condition)
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(0);
        var api = services.GetRequiredService<GroupApi>();

        var preview = await api.PreviewAsync(Request(tenant, null, new GroupDefinition(null, condition)), ct);
        var save = await api.SaveAsync(Request(tenant, "huge", new GroupDefinition("Huge", condition)), ct);

        foreach (var response in new[] { preview, save })
        {
            var problem = Assert.IsType<ProblemDetails>(response.Body);
            Assert.Equal(400, response.StatusCode);
            Assert.Contains($"at most {Condition.MaxLength:N0} characters", Assert.Single(problem.Errors!["condition"]));
        }

        Assert.Equal(404, (await api.GetAsync(Request(tenant, "huge", null), ct)).StatusCode);
    }

    [Fact]
    public async Task A_condition_nested_past_the_depth_limit_or_a_long_name_is_a_400_naming_the_field()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(0);
        var api = services.GetRequiredService<GroupApi>();
        var tooDeep = new string('(', Condition.MaxDepth + 1) + "grade = 'VIP'" + new string(')', Condition.MaxDepth + 1);

        var preview = await api.PreviewAsync(Request(tenant, null, new GroupDefinition(null, tooDeep)), ct);
        var save = await api.SaveAsync(Request(tenant, "deep", new GroupDefinition(new string('이', GroupService.MaxNameLength + 1), tooDeep)), ct);

        Assert.Equal((400, 400), (preview.StatusCode, save.StatusCode));
        Assert.Contains($"at most {Condition.MaxDepth} levels", Assert.Single(Assert.IsType<ProblemDetails>(preview.Body).Errors!["condition"]));
        var errors = Assert.IsType<ProblemDetails>(save.Body).Errors!;
        Assert.Contains($"at most {Condition.MaxDepth} levels", Assert.Single(errors["condition"]));
        Assert.Contains($"at most {GroupService.MaxNameLength} characters", Assert.Single(errors["name"]));
    }

    private static ApiRequest Request(string tenant, string? groupId, GroupDefinition? body)
    {
        var route = new Dictionary<string, string> { ["tenantId"] = tenant };
        if (groupId is not null)
        {
            route["groupId"] = groupId;
        }

        return new ApiRequest(route, new MemoryStream(body is null ? [] : Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body, CrmJson.Options))));
    }
}
