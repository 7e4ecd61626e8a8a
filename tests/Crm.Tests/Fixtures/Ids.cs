namespace Crm.Tests.Fixtures;

/// <summary>Unique ids so tests sharing one Azurite never see each other's data.</summary>
public static class Ids
{
    public static string Tenant() => $"t-{Guid.NewGuid():N}"[..20];

    public static string Campaign() => Guid.CreateVersion7().ToString("N");
}
