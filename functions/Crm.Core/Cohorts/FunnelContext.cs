namespace Crm.Core.Cohorts;

/// <summary>The contexts that group a tenant's funnel stages (B2), in funnel order; seed 003's 컨텍스트.</summary>
public enum FunnelContext
{
    /// <summary>지원 전</summary>
    BeforeApplying,

    /// <summary>지원 시작</summary>
    Applying,

    /// <summary>지원서 작성 중</summary>
    WritingApplication,

    /// <summary>서류 합격</summary>
    DocumentsPassed,

    /// <summary>최종 합격</summary>
    FinalPass,

    /// <summary>최종 합류</summary>
    Joined,

    /// <summary>비활성화</summary>
    Inactive,
}
