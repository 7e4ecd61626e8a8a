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

    /// <summary>Writes one extraction's members as member set <paramref name="memberSet"/>, beside the current one; returns how many chunks they took.</summary>
    Task<int> WriteMembersAsync(string tenantId, string groupId, string memberSet, IReadOnlyList<string> phones, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every member set that sorts before <paramref name="memberSet"/>: replaced, outrun by an
    /// extraction that started later, or left by a crash. A chunk someone else deleted first is no error.
    /// </summary>
    Task DeleteMembersBeforeAsync(string tenantId, string groupId, string memberSet, CancellationToken cancellationToken);

    /// <summary>Takes one phone out of every member set of the group (erasure); false when it was not in the current one.</summary>
    Task<bool> RemoveMemberAsync(Group group, string phone, CancellationToken cancellationToken);

    /// <summary>The current member set in chunks; throws if a later extraction replaced it while it was read.</summary>
    IAsyncEnumerable<IReadOnlyList<string>> ReadMembersAsync(string tenantId, string groupId, CancellationToken cancellationToken);
}
