using System.Collections.Frozen;
using Crm.Core.Delivery;

namespace Crm.Providers.Solapi;

/// <summary>
/// Every Solapi message status code (solapi/documents, api-reference/message-status-codes.md), and
/// what it means to the CRM: 2000 (accepted) and 3000 (handed to the carrier or Kakao) are pending,
/// 4000 is the one success; every other code is a failure, refunded (Solapi refunds what fails). A
/// failure may be followed by the SMS/LMS fallback (D5) when it is Kakao's: the recipient is not on
/// KakaoTalk or did not get the message (3101–3108), or the Kakao options were refused at
/// registration (1033, 1041–1053); SMS cannot mend a bad number, a blocked sender or an empty balance.
/// The sandbox reports with these codes too. An unknown code is a refunded failure, not eligible.
/// </summary>
public static class SolapiStatusCodes
{
    public static FrozenDictionary<string, ProviderStatus> All { get; } = new Dictionary<string, ProviderStatus>(StringComparer.Ordinal)
    {
        ["1010"] = new("1010", DeliveryState.Failed, "Required field missing (필수 입력 값 미입력)", true, false),
        ["1011"] = new("1011", DeliveryState.Failed, "Format error", true, false),
        ["1013"] = new("1013", DeliveryState.Failed, "Subject not allowed for SMS (제목은 문자 타입이 'SMS'일 경우 사용이 불가능합니다.)", true, false),
        ["1014"] = new("1014", DeliveryState.Failed, "Subject max 40 bytes (제목은 40byte까지 사용 가능합니다.)", true, false),
        ["1020"] = new("1020", DeliveryState.Failed, "Unknown account or wrong password (등록된 계정이 아니거나 패스워드가 틀림)", true, false),
        ["1021"] = new("1021", DeliveryState.Failed, "Message not found (해당 메시지가 없음)", true, false),
        ["1022"] = new("1022", DeliveryState.Failed, "Group not found (해당 그룹이 없음)", true, false),
        ["1023"] = new("1023", DeliveryState.Failed, "Image not found (해당 이미지가 없음)", true, false),
        ["1024"] = new("1024", DeliveryState.Failed, "Server error (서버 오류)", true, false),
        ["1025"] = new("1025", DeliveryState.Failed, "Invalid type (SMS/LMS/MMS/ATA/CTA, case-insensitive) (잘못된 메시지 타입 ['SMS','LMS','MMS','ATA','CTA']중에서 사용 가능하며 대소문자는 구분하지 않습니다.)", true, false),
        ["1026"] = new("1026", DeliveryState.Failed, "Duplicate recipient number (중복 수신번호)", true, false),
        ["1027"] = new("1027", DeliveryState.Failed, "UTF-8 only (인코딩 방식은 UTF8 형식만 사용 가능합니다.)", true, false),
        ["1028"] = new("1028", DeliveryState.Failed, "Non-printable characters not allowed (Non Printable Characters는 사용할 수 없습니다.)", true, false),
        ["1029"] = new("1029", DeliveryState.Failed, "SMS text must be within EUC-KR (문자메시지의 경우 EUC-KR(완성형 한글) 범위 안에 있는 문자만 사용 합니다.)", true, false),
        ["1030"] = new("1030", DeliveryState.Failed, "Insufficient balance (잔액 부족)", true, false),
        ["1031"] = new("1031", DeliveryState.Failed, "Length exceeded (SMS 90 B, LMS/MMS 2000 B, ATA/CTA 1000 chars, CTI 400 chars) (SMS는 90byte LMS, MMS는 2000byte ATA, CTA는 한/영포함 1000자 CTI는 한/영포함 400자까지 사용 가능 합니다.)", true, false),
        ["1032"] = new("1032", DeliveryState.Failed, "Invalid customFields (key ≤30, value ≤100, strings only) (유효한 커스텀 필드 값이 아닙니다. 필드명은 30자 설정값은 100자까지 가능하며 'String'형식만 지원 합니다.)", true, false),
        ["1033"] = new("1033", DeliveryState.Failed, "kakaoOptions only for ATA/CTA (kakaoOptions은 메시지가 ATA 나 CTA인 경우에만 사용가능합니다.)", true, true),
        ["1034"] = new("1034", DeliveryState.Failed, "imageId does not exist (imageId가 존재하지 않습니다.)", true, false),
        ["1041"] = new("1041", DeliveryState.Failed, "Invalid Plus Friend (channel) (유효한 플러스 친구 값이 아닙니다.)", true, true),
        ["1042"] = new("1042", DeliveryState.Failed, "Invalid template ID (유효한 템플릿 아이디가 아닙니다.)", true, true),
        ["1043"] = new("1043", DeliveryState.Failed, "Text differs from registered template (등록한 템플릿과 내용이 다릅니다.)", true, true),
        ["1044"] = new("1044", DeliveryState.Failed, "Invalid button (유효한 버튼 값이 아닙니다.)", true, true),
        ["1045"] = new("1045", DeliveryState.Failed, "Invalid button URL (유효한 버튼 URL 값이 아닙니다.)", true, true),
        ["1046"] = new("1046", DeliveryState.Failed, "Template has buttons; supply `buttons` (버튼이 있는 템플릿입니다. 'buttons'에 값을 넣어주세요.)", true, true),
        ["1047"] = new("1047", DeliveryState.Failed, "Template has no buttons; remove them (버튼이 없는 템플릿입니다. 'buttons', 'buttonName', 'buttonUrl'값을 제거해주세요.)", true, true),
        ["1048"] = new("1048", DeliveryState.Failed, "Button URL max 100 chars (버튼 URL 값은 최대 100자까지 사용 가능합니다.)", true, true),
        ["1049"] = new("1049", DeliveryState.Failed, "Button name max 14 chars (버튼 명은 최대 14자까지 사용 가능합니다.)", true, true),
        ["1050"] = new("1050", DeliveryState.Failed, "Max 5 buttons (버튼은 최대 5개까지 사용 가능합니다.)", true, true),
        ["1051"] = new("1051", DeliveryState.Failed, "Unregistered FriendTalk image ID (등록되지 않은 친구톡 이미지 아이디입니다.)", true, true),
        ["1052"] = new("1052", DeliveryState.Failed, "Buttons must follow template order (버튼은 템플릿에 등록된 순서대로 입력해주셔야 합니다.)", true, true),
        ["1053"] = new("1053", DeliveryState.Failed, "FriendTalk can't use DS (delivery tracking) (친구톡의 경우 버튼 타입 'DS'(배송조회)는 사용할 수 없습니다.)", true, true),
        ["1058"] = new("1058", DeliveryState.Failed, "No delivery route (전송경로 없음)", true, false),
        ["1060"] = new("1060", DeliveryState.Failed, "Blocked recipient (차단된 수신번호)", true, false),
        ["1061"] = new("1061", DeliveryState.Failed, "Recipient opted out (080) (사용자에 의해 수신거부 됨(080무료수신거부))", true, false),
        ["1062"] = new("1062", DeliveryState.Failed, "Sender number not registered (발신번호 미등록)", true, false),
        ["1064"] = new("1064", DeliveryState.Failed, "Blocked due to KISA report (KISA 신고로 인한 차단)", true, false),
        ["2000"] = new("2000", DeliveryState.Pending, "Accepted (to be sent to carrier) (정상 접수(이통사로 접수 예정))", false, false),
        ["2011"] = new("2011", DeliveryState.Failed, "Format error", true, false),
        ["2024"] = new("2024", DeliveryState.Failed, "Server error (서버 오류)", true, false),
        ["2060"] = new("2060", DeliveryState.Failed, "Blocked recipient (차단된 수신번호)", true, false),
        ["2061"] = new("2061", DeliveryState.Failed, "Recipient opted out (080) (사용자에 의해 수신거부 됨(080무료수신거부))", true, false),
        ["2062"] = new("2062", DeliveryState.Failed, "Sender number not registered (발신번호 미등록)", true, false),
        ["2063"] = new("2063", DeliveryState.Failed, "Blocked account (차단된 계정)", true, false),
        ["2064"] = new("2064", DeliveryState.Failed, "Blocked due to KISA report (KISA 신고로 인한 차단)", true, false),
        ["2230"] = new("2230", DeliveryState.Failed, "Insufficient balance (잔액 부족)", true, false),
        ["2254"] = new("2254", DeliveryState.Failed, "Flagged as spam by platform (플랫폼 내부 스팸처리)", true, false),
        ["3000"] = new("3000", DeliveryState.Pending, "Submitted to carrier (awaiting report) (이통사로 접수(리포트를 기다리는 중))", false, false),
        ["3010"] = new("3010", DeliveryState.Failed, "Bad recipient number format (수신번호 형식 오류)", true, false),
        ["3011"] = new("3011", DeliveryState.Failed, "Format error", true, false),
        ["3012"] = new("3012", DeliveryState.Failed, "Relay partner server error (연동처 서버 오류)", true, false),
        ["3013"] = new("3013", DeliveryState.Failed, "Bad sender number format (rule violation) (발신번호 형식 오류(세칙 위반))", true, false),
        ["3014"] = new("3014", DeliveryState.Failed, "Unknown message state (알 수 없는 메시지 상태)", true, false),
        ["3024"] = new("3024", DeliveryState.Failed, "Server error (서버 오류)", true, false),
        ["3031"] = new("3031", DeliveryState.Failed, "Cannot send (전송할 수 없음)", true, false),
        ["3032"] = new("3032", DeliveryState.Failed, "Not a subscriber (미가입자)", true, false),
        ["3040"] = new("3040", DeliveryState.Failed, "Delivery timeout (전송시간 초과)", true, false),
        ["3041"] = new("3041", DeliveryState.Failed, "Handset busy (단말기 busy)", true, false),
        ["3042"] = new("3042", DeliveryState.Failed, "No coverage (음영지역)", true, false),
        ["3043"] = new("3043", DeliveryState.Failed, "Handset off (단말기 Power off)", true, false),
        ["3044"] = new("3044", DeliveryState.Failed, "Handset inbox full (단말기 메시지 저장갯수 초과)", true, false),
        ["3045"] = new("3045", DeliveryState.Failed, "Handset service suspended (단말기 일시 서비스 정지)", true, false),
        ["3046"] = new("3046", DeliveryState.Failed, "Other handset problem (기타 단말기 문제)", true, false),
        ["3047"] = new("3047", DeliveryState.Failed, "Reception refused (착신거절)", true, false),
        ["3048"] = new("3048", DeliveryState.Failed, "Unknown code", true, false),
        ["3050"] = new("3050", DeliveryState.Failed, "Handset can't receive SMS (SMS서비스 불가 단말기)", true, false),
        ["3051"] = new("3051", DeliveryState.Failed, "Recipient unreachable (착신측의 호불가 상태)", true, false),
        ["3052"] = new("3052", DeliveryState.Failed, "Deleted by carrier operator (이통사 서버 운영자 삭제)", true, false),
        ["3053"] = new("3053", DeliveryState.Failed, "Server message queue full (서버 메시지 Que Full)", true, false),
        ["3054"] = new("3054", DeliveryState.Failed, "Spam", true, false),
        ["3055"] = new("3055", DeliveryState.Failed, "Spam: number listed at nospam.or.kr (SPAM, nospam.or.kr 에 등록된 번호)", true, false),
        ["3056"] = new("3056", DeliveryState.Failed, "Failed (wireless network) (전송실패(무선망단))", true, false),
        ["3057"] = new("3057", DeliveryState.Failed, "Failed (network→handset) (전송실패(무선망->단말기단))", true, false),
        ["3058"] = new("3058", DeliveryState.Failed, "No route (전송경로 없음)", true, false),
        ["3059"] = new("3059", DeliveryState.Failed, "Spoofed sender number (변작된 발신번호.)", true, false),
        ["3060"] = new("3060", DeliveryState.Failed, "Adult verification failed (성인 인증 실패)", true, false),
        ["3101"] = new("3101", DeliveryState.Failed, "Kakao: invalid sender profile key (발신 프로필 키가 유효하지 않음)", true, true),
        ["3102"] = new("3102", DeliveryState.Failed, "Kakao: recipient is not a channel friend (친구 관계가 아닌 경우)", true, true),
        ["3103"] = new("3103", DeliveryState.Failed, "Kakao: message does not match template (메시지와 템플릿 불일치)", true, true),
        ["3104"] = new("3104", DeliveryState.Failed, "Kakao: recipient is not a KakaoTalk user (카카오톡 미사용자)", true, true),
        ["3105"] = new("3105", DeliveryState.Failed, "Kakao: unregistered template (미등록 템플릿)", true, true),
        ["3106"] = new("3106", DeliveryState.Failed, "Kakao: invalid channel (유효하지 않은 채널)", true, true),
        ["3107"] = new("3107", DeliveryState.Failed, "Kakao: user inactive on KakaoTalk for 72 h, or has blocked AlimTalk (72시간 이내 카카오톡 미사용자, 알림톡 차단한 사용자)", true, true),
        ["3108"] = new("3108", DeliveryState.Failed, "Kakao: outside sending hours (08:00–20:00) (메시지 발송 가능 시간이 아님(오전 8시 ~ 오후 8시 가능))", true, true),
        ["4000"] = new("4000", DeliveryState.Delivered, "Delivery completed (success) (발송 처리  완료)", false, false),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static ProviderStatus Of(string? code) =>
        code is not null && All.TryGetValue(code, out var status)
            ? status
            : new ProviderStatus(code ?? "(none)", DeliveryState.Failed, $"Unknown Solapi status {code ?? "(none)"}.", Refundable: true, FallbackEligible: false);
}
