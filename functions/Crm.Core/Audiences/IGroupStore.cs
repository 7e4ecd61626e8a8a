namespace Crm.Core.Audiences;

/// <summary>Groups and their members; members are stored in chunks of many phones, never one entity each.</summary>
public interface IGroupStore
{
    /// <summary>Creates or replaces the group's definition (name and condition), keeping its extraction results.</summary>
    Task SaveAsync(Group group, CancellationToken cancellationToken);

    /// <summary>Changes the extraction fields only, under the group's ETag, so a definition saved meanwhile is kept.</summary>
    Task<Group?> UpdateExtractionAsync(string tenantId, string groupId, Func<Group, Group> change, CancellationToken cancellationToken);

    Task<Group?> GetAsync(string tenantId, string groupId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Group>> ListAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Replaces the group's members; returns how many chunks they took.</summary>
    Task<int> SaveMembersAsync(Group group, IReadOnlyList<string> phones, CancellationToken cancellationToken);

    /// <summary>Takes one phone out of the group's stored members (erasure); false when it was not a member.</summary>
    Task<bool> RemoveMemberAsync(Group group, string phone, CancellationToken cancellationToken);

    IAsyncEnumerable<IReadOnlyList<string>> ReadMembersAsync(string tenantId, string groupId, CancellationToken cancellationToken);
}
