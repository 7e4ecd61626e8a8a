namespace Crm.Core.Cohorts;

/// <summary>
/// A cohort's people, packed in compressed buckets (like customers): reading a whole cohort is a
/// few page reads, never a read per person; changing one person rewrites one bucket.
/// </summary>
public interface ICohortPeopleStore
{
    /// <summary>Creates or replaces people by phone: a read and a write per bucket touched, in transactions of up to 100 buckets.</summary>
    Task UpsertAsync(string tenantId, string cohortId, IReadOnlyList<Person> people, CancellationToken cancellationToken);

    Task<Person?> GetAsync(string tenantId, string cohortId, string phone, CancellationToken cancellationToken);

    /// <summary>Changes one person under the bucket's ETag (a read and a write); null when the cohort has no such person.</summary>
    Task<Person?> UpdateAsync(string tenantId, string cohortId, string phone, Func<Person, Person> change, CancellationToken cancellationToken);

    /// <summary>Every person of the cohort, streamed bucket by bucket.</summary>
    IAsyncEnumerable<Person> ScanAsync(string tenantId, string cohortId, CancellationToken cancellationToken);
}
