package org.tegami.threat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Business e-mail compromise language in English and Japanese: urgency, secrecy, "are you at your
 * desk", payment and bank-detail-change requests, gift cards, credential requests, moving the
 * conversation to a phone. Each category is a signal with a modest weight; together they may tag a
 * message, but language alone is capped below the junk threshold ({@link #CAP}) — it takes
 * evidence about the sender (impersonation, lookalike, free-mail, authentication) to go further.
 * Disclaimer lines and quoted replies are ignored; mail from known correspondents counts half.
 */
final class BecLanguageDetector implements Detector {

    /** Highest total weight that language findings alone may reach. */
    static final double CAP = 6.0;


    enum Category {
        URGENCY("bec.urgency", 1.0, "presses for urgency"),
        SECRECY("bec.secrecy", 1.5, "asks for secrecy"),
        AVAILABILITY("bec.availability-check", 1.5, "checks whether you are available or says the sender cannot be reached"),
        PAYMENT("bec.payment-request", 1.0, "talks about a payment or transfer"),
        BANK_CHANGE("bec.bank-change", 3.0, "announces new or changed bank details"),
        GIFT_CARD("bec.gift-card", 2.5, "asks about gift cards"),
        CREDENTIAL("bec.credential-request", 2.0, "asks you to sign in, verify an account or hand over a password or code"),
        DATA("bec.data-request", 2.0, "asks for employee or tax records"),
        CHANNEL("bec.channel-switch", 1.0, "asks to move the conversation to a phone or chat app"),
        CALLBACK("phish.callback", 2.5, "disputes a charge, order or subscription and asks you to phone a number about it");

        final String id;
        final double weight;
        final String text;

        Category(String id, double weight, String text) {
            this.id = id;
            this.weight = weight;
            this.text = text;
        }
    }

    private static final Map<Category, String> PATTERNS = new EnumMap<>(Category.class);

    static {
        PATTERNS.put(Category.URGENCY, 
                "\\b(?:urgent(?:ly)?|asap|as soon as possible|immediately|right away|without delay|time[- ]sensitive"
                        + "|high priority|top priority|today before \\d|by (?:the )?end of (?:the )?(?:day|business)"
                        + "|before (?:the )?(?:end of (?:the )?day|close of business|cut-?off)"
                        + "|(?:with)?in (?:the next )?(?:\\d{1,2}|twenty-four|forty-eight) hours|within \\d{1,2} (?:minutes|mins)"
                        + "|final (?:notice|warning)|act now|as a matter of urgency|right now|expires? (?:today|tonight|within)"
                        + "|(?:please |kindly )(?:pay|settle|wire|transfer|remit|process|send|make|complete|release)\\b[^.!?\\n]{0,60}\\b(?:today|tonight)"
                        + "|(?:must|needs? to|has to) be (?:paid|settled|transferred|wired|processed|sent|completed) (?:by |before )?(?:today|tonight))\\b"
                        + "|至急|緊急|大至急|急ぎ|急いで|本日中|今日中|早急|すぐに|直ちに|今すぐ|ただちに|\\d{1,2}時間以内|本日\\d{1,2}時まで");
        PATTERNS.put(Category.SECRECY, 
                "\\b(?:confidential(?:ly)?|keep (?:this|it|the matter|this matter)(?: strictly)? (?:between us|quiet|confidential|private|to yourself)"
                        + "|between (?:you and me|us)|(?:don'?t|do not) (?:tell|discuss|mention|share|contact|inform) (?:this|it|anyone|with|the|other)"
                        + "|discre(?:et|tion)|strictly private|top secret|not a word to anyone|under wraps"
                        + "|(?:nobody|no one) else (?:should|must|needs to) know)\\b"
                        + "|内密|秘密裏|他言無用|口外|内緒|極秘|誰にも(?:言わ|話さ|相談せ)|内々に|他の(?:方|人|社員)には");
        PATTERNS.put(Category.AVAILABILITY, 
                "\\b(?:are you (?:at|on|near) your (?:desk|computer|pc)|are you (?:available|free|around|in the office|busy)(?: now| right now| today)?\\s?\\?"
                        + "|do you have a (?:moment|minute|sec(?:ond)?)|(?:quick|small|little|urgent) (?:favou?r|task|errand)"
                        + "|(?:i need|can you do) (?:me )?a (?:quick )?favou?r|let me know (?:when|if) you(?:'re| are) (?:available|free|around)"
                        + "|i'?m (?:in|stuck in|heading into) (?:a |back-to-back )?(?:meetings?|conference)"
                        + "|(?:can'?t|cannot|unable to) (?:talk|take (?:calls|a call|your call)|be reached)"
                        + "|i'?m (?:travel?ling|on a flight|boarding)|are you there\\s?\\?"
                        + "|i need you to (?:handle|process|purchase|buy|get|complete|make|send|pay|arrange|wire|transfer|take care of))"
                        + "|(?:今|いま)(?:少し|ちょっと)?(?:お時間|時間)(?:は)?(?:あります|よろしい|いただけ|大丈夫)"
                        + "|(?:席|社内|会社|オフィス)に(?:いますか|いらっしゃいますか|おられますか|戻られ)|今(?:どちら|どこ)(?:ですか|にいますか)|会議中(?:のため|で)?(?:電話|通話)|電話に出(?:られ|れ)ない"
                        + "|お願い(?:したい|があります)こと|(?:対応|ご対応)(?:可能|でき)(?:ですか|でしょうか|ますか)");
        PATTERNS.put(Category.PAYMENT, 
                "\\b(?:wire (?:transfer|payment|the (?:funds|money|payment))|bank transfer"
                        + "|(?:make|process|send|arrange|release|execute|complete) (?:a |the |this |an |our )?(?:urgent |new |quick )?(?:payment|transfer|remittance|wire)s?"
                        + "|remittance|swift(?: code)?|iban|routing (?:number|no)|sort code"
                        + "|outstanding (?:invoice|payment|balance|amount)|overdue (?:invoice|payment)"
                        + "|(?:pay|settle) (?:the|this|these|our|your) (?:invoice|bill|balance|amount)"
                        + "|payment (?:is )?(?:due|overdue|pending)|transfer (?:the )?(?:funds|money|amount)|(?:customs|redelivery|delivery|shipping) (?:fees?|duty|duties|charges?)"
                        + "|unpaid (?:customs |delivery |shipping |import )?(?:fees?|duty|duties|charges?|invoices?|balance)"
                        + "|future payments?|all payments? (?:should|must|will) (?:now )?be (?:made|sent|directed|transferred))\\b"
                        + "|振込|振り込|送金|入金|支払|決済|請求書|未払|未納|立替|着金");
        PATTERNS.put(Category.BANK_CHANGE, 
                "\\b(?:(?:new|updated|changed|different|alternative|alternate|another) (?:bank(?:ing)?|account|remittance|payment|beneficiary|receiving) (?:details|information|info|account|instructions)"
                        + "|(?:bank(?:ing)?|account|remittance|payment|beneficiary) (?:details|information|instructions|account) (?:have|has) (?:been )?(?:changed|updated|modified)"
                        + "|changed? (?:of|in|to) (?:our |the |my )?(?:bank(?:ing)?|account|remittance|payment|beneficiary) ?(?:details|account|information)?"
                        + "|(?:update[ds]?|change[ds]?|amend(?:ed)?) (?:your|our|the|my|its) (?:records|(?:payment|remittance|beneficiary) (?:details|information|instructions)|bank(?:ing)? (?:details|information|account)|vendor (?:profile|file|master))"
                        + "|no longer (?:use|using|accept(?:ing)?) (?:our|the|this) (?:old |previous |current |existing )?(?:bank|account)"
                        + "|(?:old|previous) (?:bank )?account (?:is|has been) (?:closed|frozen|suspended|under audit)"
                        + "|(?:direct|redirect|send) (?:all )?(?:future |the |your )?payments? to (?:the|our|this|a) new"
                        + "|(?:our|the) account is (?:currently )?under (?:audit|review|maintenance))\\b"
                        + "|口座(?:の)?変更|振込先(?:の)?(?:口座)?(?:を|が)?(?:ご)?変更|変更(?:後|した|になった|となった|された)(?:の)?(?:振込先|口座)"
                        + "|新しい(?:振込先|口座)|新(?:口座|振込先)|旧口座|口座が(?:凍結|閉鎖|監査)|送金先(?:の)?変更");
        PATTERNS.put(Category.GIFT_CARD, 
                "\\b(?:gift ?cards?|itunes (?:gift )?cards?|google play (?:gift )?cards?|apple (?:gift )?cards?|steam (?:wallet )?cards?"
                        + "|vanilla (?:visa )?cards?|prepaid cards?|scratch (?:off )?the (?:back|card|code)"
                        + "|(?:send|email|text) me (?:the )?(?:codes|card numbers|pictures? of the (?:cards?|codes?)))\\b"
                        + "|ギフトカード|ギフト券|アマゾンギフト|itunesカード|google ?playカード|プリペイドカード|電子マネー"
                        + "|(?:カード|ギフト)の?(?:番号|コード)を(?:送|写真|撮影)|コードを(?:撮影|写真)");
        PATTERNS.put(Category.CREDENTIAL, 
                "\\b(?:verify (?:your |their |the |my )?(?:account|identity|password|mailbox|e-?mail account|login|credentials|(?:account |billing |payment |bank |personal )?(?:information|details))"
                        + "|confirm (?:your |their |the |my )?(?:password|credentials|account|login|identity|mailbox)"
                        + "|(?:update|validate|re-?validate|re-?activate|restore|unlock) (?:your )?(?:account|mailbox|password|credentials|login)"
                        + "|(?:your )?(?:password|mailbox|account|e-?mail account|subscription) (?:will be|has been|is being|is|was|will) (?:temporarily )?(?:suspended|disabled|locked|deactivated|deleted|terminated|expired?|expiring|restricted|on hold|blocked)"
                        + "|password (?:expires|expiry|expiration|will expire)|(?:mailbox|storage|quota) (?:is )?(?:full|almost full|exceeded|over (?:the )?limit)"
                        + "|unusual (?:sign-?in|login|activity)|(?:suspicious|unauthori[sz]ed|unrecognized) (?:sign-?in|login|activity|access)"
                        + "|(?:sign|log) ?in (?:now )?to (?:avoid|keep|restore|prevent|continue|verify|confirm|view|access|listen|open|unlock|release|receive)"
                        + "|(?:sign|log) ?in (?:with|using) your (?:[a-z0-9-]{2,20} )?(?:account|credentials|e-?mail (?:address|account|password)|password|work account|company account)"
                        + "|(?:send|give|share|provide|forward|tell) (?:me )?(?:your |the )?(?:password|login (?:details|credentials)|credentials|otp|one-?time (?:code|password)|verification code|2fa code)"
                        + "|reset your password|keep (?:the )?same password|confirm your (?:details|information)"
                        + "|update (?:your )?(?:payment|billing|card) (?:details|information|method)|payment (?:was |has been )?(?:declined|failed|unsuccessful)"
                        + "|claim your (?:refund|reward|prize)|keep your (?:account|mailbox|email) (?:active|open)"
                        + "|(?:\\d+ )?(?:pending|held|undelivered|quarantined|blocked) (?:incoming )?(?:messages|emails|mails))\\b"
                        + "|アカウント(?:が|を|の)?(?:停止|凍結|ロック|制限|無効|削除|一時停止)|パスワード(?:の)?(?:有効期限|確認|再設定|更新|入力)"
                        + "|本人確認|ログイン(?:して|し)(?:ご)?(?:確認|ください)|認証(?:情報|コード)|セキュリティ(?:警告|上の理由)"
                        + "|(?:不正|不審)(?:な)?(?:ログイン|アクセス|利用)|利用(?:制限|停止)|(?:お客様|支払い?|カード|口座)情報(?:の|を)?(?:確認|更新|入力)"
                        + "|メールボックス(?:の)?(?:容量|上限)|(?:お支払い|支払い?|決済)方法(?:の|を)?(?:更新|確認|変更)"
                        + "|アカウント(?:の|を)?(?:確認|更新|検証)|ご利用(?:の)?確認|還付金|再配達(?:の)?(?:手続き|依頼|お申し?込み)");
        PATTERNS.put(Category.DATA, 
                "\\b(?:w-?2 (?:forms?|statements?)|(?:employee|staff|payroll) (?:tax|payroll|personal|salary) (?:records|data|information|forms)"
                        + "|social security numbers?|tax (?:forms|statements) (?:of|for) (?:all|every))\\b"
                        + "|源泉徴収票|給与明細(?:を|の)?(?:全員|一覧|送)|マイナンバー(?:を|の)?(?:一覧|送)|社員(?:の)?個人情報");
        PATTERNS.put(Category.CHANNEL, 
                "\\b(?:(?:send|text|give|share) me your (?:cell|mobile|personal|direct|whatsapp|phone)(?: phone)?(?: number| no)?"
                        + "|whatsapp|telegram|(?:what'?s|what is) your (?:cell|mobile|phone) number)\\b"
                        + "|携帯(?:電話)?(?:の)?番号|LINE(?:の)?(?:ID|アカウント)|LINEで(?:連絡|やり取り)|個人(?:の)?(?:携帯|連絡先)");
    }


    /** Lines that are legal boilerplate, where "confidential" and 秘密 mean nothing. */
    private static final String DISCLAIMER_REGEX =
            "intended (?:solely |only )?for|privileged|received this (?:e-?mail|message|communication) in error"
                    + "|unauthori[sz]ed (?:use|disclosure|review)|notify the sender|誤って|誤送信|心当たり|削除して(?:ください|下さい)|機密情報が含まれ";
    private static final PhraseSet<String> DISCLAIMER = PhraseSet.single(DISCLAIMER_REGEX);

    /** Key of the disclaimer phrases in {@link #PHRASES}. */
    private static final String DISCLAIMER_KEY = "disclaimer";

    /** A payment reported as done ("I paid", "お振込み完了"): the topic is money, but nothing is asked for. */
    private static final String PAID_KEY = "paid";
    private static final String PAID_REGEX =
            "\\b(?:(?:i|we) (?:have |had |just )?(?:already )?(?:paid|settled|transferred|remitted|wired) (?:it|the|this|your|our|order|invoice|for|by|via|yesterday|today|\\d)"
                    + "|(?:the |your |our )?(?:payment|transfer|remittance) (?:was|has been|have been) (?:sent|made|completed|received|processed|credited|executed)"
                    + "|(?:we|i) (?:have )?(?:received|confirm(?:ed)?) (?:your|the) (?:payment|remittance|transfer))\\b"
                    + "|(?:お振込み|お振込|振込み|振込|お支払い|支払い|送金|ご入金|入金)(?:を|が|の)?(?:完了|済み|確認いたしました|確認しました|いたしました|しました)";

    /** "Scan the QR code": phishing that moves its link onto a phone, out of reach of mail filters. */
    private static final String QR_KEY = "qr-code";
    private static final String QR_REGEX =
            "\\b(?:scan (?:the |this |our |my |a )?(?:(?:attached|enclosed|below|following|secure|unique|personal) )?(?:qr|q\\.r\\.)\\b"
                    + "|(?:qr|q\\.r\\.) ?code (?:below|above|attached|in the attachment)|scan (?:it |the code |this code )?(?:with|using) "
                    + "(?:your |a )?(?:phone|mobile|smartphone|iphone|android|camera|authenticator))"
                    + "|qrコード(?:を|から)?(?:読み取|読取|読み込|スキャン|撮影|でログイン|からログイン|にアクセス)|(?:スマートフォン|スマホ|携帯)(?:の)?カメラで";

    /**
     * Callback phishing ("telephone-oriented attack delivery"): a charge, renewal or order the
     * reader did not make, and a phone number to call to dispute it. Both halves must be present.
     */
    private static final String CALLBACK_DISPUTE_KEY = "callback-dispute";
    private static final String CALLBACK_DISPUTE_REGEX =
            "\\b(?:if (?:you )?(?:did not|didn't|do not|don't|have not|haven't) (?:authori[sz]e|recogni[sz]e|make|place|request|approve|want|wish)"
                    + "|(?:to|wish to|want to|like to) (?:cancel|dispute|stop|reverse|refund) (?:this|the|your) (?:order|subscription|renewal|transaction|charge|payment|purchase|membership)"
                    + "|(?:has|have) been (?:charged|debited|deducted|billed)|(?:auto[- ]?)?renew(?:ed|al) (?:of|for) your (?:subscription|membership|plan|protection)"
                    + "|(?:not|never) (?:authori[sz]ed|placed|made) (?:this|the|any) (?:order|purchase|transaction|payment))\\b"
                    + "|身に覚えのない|(?:キャンセル|解約|返金)(?:を)?(?:ご希望|される場合|希望される)";
    private static final String CALLBACK_PHONE_KEY = "callback-phone";
    private static final String CALLBACK_PHONE_REGEX =
            "\\b(?:call|dial|phone|ring|contact) (?:us|our [a-z ]{1,30}?|the [a-z ]{1,30}?)?(?: (?:team|desk|line|department|center|centre))?"
                    + "(?: (?:at|on|immediately|now|directly|toll[- ]free|free))* ?(?:no\\.? ?|number:? ?|#)?[:+(]? ?\\(?\\d[\\d ().-]{7,}\\d"
                    + "|(?:toll[- ]free|helpline|hotline|billing department|support line) (?:number|no\\.?)? ?:? ?\\+?\\(?\\d[\\d ().-]{7,}\\d"
                    + "|(?:お電話|電話|フリーダイヤル|ご連絡)(?:番号)?(?:は|：|:|にて)? ?[0-9０-９][0-9０-９-]{8,}";

    /** All categories and the disclaimer phrases, matched in one pass (see {@link PhraseSet}). */
    private static final PhraseSet<Object> PHRASES;

    static {
        Map<Object, String> all = new java.util.LinkedHashMap<>();
        PATTERNS.forEach((k, v) -> {
            if (k != Category.CALLBACK) {
                all.put(k, v);
            }
        });
        all.put(DISCLAIMER_KEY, DISCLAIMER_REGEX);
        all.put(QR_KEY, QR_REGEX);
        all.put(PAID_KEY, PAID_REGEX);
        all.put(CALLBACK_DISPUTE_KEY, CALLBACK_DISPUTE_REGEX);
        all.put(CALLBACK_PHONE_KEY, CALLBACK_PHONE_REGEX);
        PHRASES = PhraseSet.of(all);
    }

    private static final Pattern SENTENCE = Pattern.compile("\n|(?<=[.!?])\\s+|(?<=[。！？])");

    private static final Set<Category> REQUESTS =
            Set.of(Category.PAYMENT, Category.BANK_CHANGE, Category.GIFT_CARD, Category.CREDENTIAL, Category.DATA, Category.CALLBACK);
    private static final Set<Category> PRESSURE = Set.of(Category.URGENCY, Category.SECRECY, Category.AVAILABILITY);

    /** Language is judged on the start of the message: subject and the first body text. */
    static final int MAX_CHARS = 32_000;

    @Override
    public void detect(MessageContent m, AnalysisContext ctx, Budget budget, List<Finding> out) {
        Hits scanned = phrases(m.text.length() > MAX_CHARS ? m.text.substring(0, MAX_CHARS) : m.text);
        Map<Category, String> hits = scanned.categories();
        if (hits.isEmpty()) {
            return;
        }
        if (scanned.qrCode() != null && !established(m, ctx)
                && (hits.containsKey(Category.CREDENTIAL) || hits.containsKey(Category.BANK_CHANGE))) {
            out.add(new Finding("phish.qr-code", 3.0, "It asks you to scan a QR code (\"" + quote(scanned.qrCode())
                    + "\") to sign in or confirm account details: that moves the link onto your phone, out of reach of the mail filters."));
        }
        boolean trusted = trustedSender(m, ctx);
        // A sign-in request from an established sender (a known service, a correspondent, our
        // own domain, or an authenticated domain) whose links all lead back to it is what password
        // resets and account notices look like; phishing links elsewhere (see credentialLink).
        boolean ownSite = hits.containsKey(Category.CREDENTIAL) && linksStayWithSender(m, ctx);
        if (ownSite && established(m, ctx)) {
            hits.remove(Category.CREDENTIAL);
        }
        List<Finding> lang = new ArrayList<>();
        for (Map.Entry<Category, String> e : hits.entrySet()) {
            Category c = e.getKey();
            double w = trusted && c != Category.BANK_CHANGE ? c.weight / 2 : c.weight;
            lang.add(new Finding(c.id, w, "The message " + c.text + " (\"" + quote(e.getValue()) + "\")."));
        }
        if (hits.containsKey(Category.BANK_CHANGE) && hits.containsKey(Category.PAYMENT)) {
            lang.add(new Finding("bec.payment-redirect", 1.0,
                    "It asks for payments to be sent to a different account than before."));
        }
        // An unknown sender's sign-in request that links back to itself still counts, but not as
        // the "pressure plus request" combination (password resets say "expires in 1 hour").
        // "I paid the invoice yesterday" talks about money without asking for any.
        boolean paymentOnlyReported = scanned.paymentReported() && hits.keySet().stream()
                .noneMatch(c -> REQUESTS.contains(c) && c != Category.PAYMENT);
        boolean request = hits.keySet().stream().anyMatch(c -> REQUESTS.contains(c) && !(c == Category.CREDENTIAL && ownSite)
                && !(c == Category.PAYMENT && paymentOnlyReported));
        boolean pressure = hits.keySet().stream().anyMatch(PRESSURE::contains);
        if (request && pressure) {
            lang.add(new Finding("bec.pressure-and-request", trusted ? 0.75 : 1.5,
                    "It combines pressure (urgency, secrecy or an availability check) with a request for money, bank details, gift cards or credentials."));
        }
        out.addAll(capped(lang));
        if ((request || hits.containsKey(Category.AVAILABILITY)) && m.fromDomain != null && Domains.isFreemail(m.fromDomain)
                && !ImpersonationDetector.known(ctx, m.fromAddress, m.fromDomain)) {
            out.add(new Finding("bec.freemail-sender", 1.5,
                    "This request comes from a free-mail address (" + m.fromAddress + ") that you have not corresponded with."));
        }
        if (hits.containsKey(Category.CREDENTIAL)) {
            credentialLink(m, ctx, out);
        }
    }

    private static boolean established(MessageContent m, AnalysisContext ctx) {
        return m.fromDomain != null && (ImpersonationDetector.serviceDomain(m.fromDomain) || ctx.isLocal(m.fromDomain)
                || ImpersonationDetector.known(ctx, m.fromAddress, m.fromDomain) || ctx.auth().authenticates(m.fromDomain));
    }

    /** True if the message has links and every one stays with the sender (or our own domains). */
    private static boolean linksStayWithSender(MessageContent m, AnalysisContext ctx) {
        if (m.links.isEmpty() || m.fromDomain == null) {
            return false;
        }
        Brands.Brand senderBrand = ImpersonationDetector.serviceDomain(m.fromDomain) ? Brands.owner(m.fromDomain) : null;
        for (MessageContent.Link l : m.links) {
            String host = l.host();
            if (host == null) {
                continue; // mailto: and relative links
            }
            boolean own = Domains.sameOrganization(host, m.fromDomain) || ctx.isLocal(host) || Domains.isClickTracker(host)
                    || senderBrand != null && Brands.owns(senderBrand, host);
            if (!own) {
                return false;
            }
        }
        return !ctx.isLocal(m.fromDomain) || m.replyTo.isEmpty();
    }

    /** A credential request whose links lead away from the sender's organization. */
    private static void credentialLink(MessageContent m, AnalysisContext ctx, List<Finding> out) {
        Brands.Brand senderBrand = Brands.owner(m.fromDomain);
        MessageContent.Link foreign = null;
        for (MessageContent.Link l : m.links) {
            String host = l.host();
            if (host == null || Domains.isClickTracker(host) || ctx.isLocal(host)
                    || Domains.sameOrganization(host, m.fromDomain)
                    || senderBrand != null && Brands.owns(senderBrand, host)) {
                continue;
            }
            if (Domains.isFreeHosting(host, l.href())) {
                out.add(new Finding("phish.credential-link", 4.0, "It asks for sign-in or account details and links to "
                        + Domains.unicode(host) + ", a free form, web-hosting or link-shortening service where anyone can put up a sign-in page."));
                return;
            }
            if (foreign == null) {
                foreign = l;
            }
        }
        if (foreign != null) {
            out.add(new Finding("phish.credential-link", 2.5,
                    "It asks for sign-in or account details and links to " + Domains.unicode(foreign.host())
                            + ", which does not belong to the sender's domain " + (m.fromDomain == null ? "(none)" : m.fromDomain) + "."));
        }
    }

    /** Known correspondents and colleagues, unless authentication contradicts the From domain. */
    private static boolean trustedSender(MessageContent m, AnalysisContext ctx) {
        if (m.fromDomain == null || ctx.auth().contradicts(m.fromDomain)) {
            return false;
        }
        if (ctx.isLocal(m.fromDomain)) {
            return m.replyTo.stream().allMatch(r -> ctx.isLocal(r.host()));
        }
        return ctx.history().sentTo(m.fromAddress) > 0 || ctx.history().sentToDomain(m.fromDomain) > 0;
    }

    private static List<Finding> capped(List<Finding> lang) {
        double total = 0;
        for (Finding f : lang) {
            total += f.weight();
        }
        if (total <= CAP) {
            return lang;
        }
        double k = CAP / total;
        List<Finding> out = new ArrayList<>(lang.size());
        for (Finding f : lang) {
            out.add(new Finding(f.id(), Math.floor(f.weight() * k * 100) / 100, f.explanation()));
        }
        return out;
    }

    /**
     * The first phrase of each category in the text: NFKC (full-width to ASCII), lower case,
     * whitespace collapsed; quoted reply lines and disclaimer sentences are removed first, by a
     * sentence-by-sentence pass that runs only when the text has something to remove.
     */
    /** What the text says: the first phrase of each category, and a request to scan a QR code (or null). */
    record Hits(Map<Category, String> categories, String qrCode, boolean paymentReported) {}

    static Hits phrases(String raw) {
        String fast = foldAscii(raw);
        Map<Object, String> found = fast == null ? null : PHRASES.findAll(fast);
        if (found == null) {
            String n = fold(raw);
            found = n.contains("\n>") || n.startsWith(">") ? null : PHRASES.findAll(collapse(n));
            if (found == null || found.containsKey(DISCLAIMER_KEY)) {
                found = PHRASES.findAll(collapse(withoutQuotesAndDisclaimers(n)));
            }
        } else if (found.containsKey(DISCLAIMER_KEY)) {
            found = PHRASES.findAll(collapse(withoutQuotesAndDisclaimers(fold(raw))));
        }
        Map<Category, String> hits = new EnumMap<>(Category.class);
        found.forEach((k, v) -> {
            if (k instanceof Category c) {
                hits.put(c, v);
            }
        });
        if (found.containsKey(CALLBACK_DISPUTE_KEY) && found.containsKey(CALLBACK_PHONE_KEY)) {
            hits.put(Category.CALLBACK, found.get(CALLBACK_DISPUTE_KEY) + " … " + found.get(CALLBACK_PHONE_KEY));
        }
        return new Hits(hits, found.get(QR_KEY), found.containsKey(PAID_KEY));
    }

    /** NFKC (full-width to ASCII; ASCII stays as it is) and lower case. */
    private static String fold(String raw) {
        String folded = ascii(raw) ? raw : Normalizer.normalize(raw, Normalizer.Form.NFKC);
        return folded.toLowerCase(java.util.Locale.ROOT).replace('\u2019', '\'');
    }

    /** The sentences of folded text that are neither quoted reply lines nor legal boilerplate. */
    private static String withoutQuotesAndDisclaimers(String n) {
        StringBuilder sb = new StringBuilder(n.length());
        for (String sentence : SENTENCE.split(n, 20_000)) {
            String t = sentence.strip();
            if (!t.startsWith(">") && DISCLAIMER.find(t) == null) {
                sb.append(t).append(' ');
            }
        }
        return sb.toString();
    }

    /**
     * The common case in one loop: ASCII text without quoted reply lines, lower-cased with
     * whitespace collapsed (as the general path would make it); null for anything else.
     */
    private static String foldAscii(String raw) {
        int n = raw.length();
        char[] out = new char[n];
        int len = 0;
        boolean space = false;
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (c >= 0x80 || c == '>' && (i == 0 || raw.charAt(i - 1) == '\n')) {
                return null;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (!space) {
                    out[len++] = ' ';
                }
                space = true;
            } else {
                out[len++] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
                space = false;
            }
        }
        return new String(out, 0, len);
    }

    /** Runs of spaces, tabs, ideographic spaces and line breaks as one space. */
    private static String collapse(String n) {
        char[] in = n.toCharArray();
        char[] out = new char[in.length];
        int len = 0;
        boolean space = false;
        for (char c : in) {
            if (c == ' ' || c == '\t' || c == '\u3000' || c == '\n' || c == '\r') {
                if (!space) {
                    out[len++] = ' ';
                }
                space = true;
            } else {
                out[len++] = c;
                space = false;
            }
        }
        return new String(out, 0, len);
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String s) {
        String t = s.strip().replaceAll("\\s+", " ");
        return t.length() > 60 ? t.substring(0, 60) + "…" : t;
    }
}
