package org.strowger.sip.message.api;

/**
 * SIP status codes and their default reason phrases: every code of RFC 3261 §21 plus the
 * extensions Strowger uses (RFC 3262, 3265/6665, 3329, 3903, 4028, 4412, 4474, 5360, 5393, 5626,
 * 5079, 6086, 6228, 8224, 8599, 8197, 8688, 3312). An open set: unknown codes in 100-699 are legal
 * and are treated like the x00 code of their class (RFC 3261 §8.1.3.2).
 */
public final class StatusCodes {
    /** 100 Trying. */
    public static final int TRYING = 100;
    /** 180 Ringing. */
    public static final int RINGING = 180;
    /** 181 Call Is Being Forwarded. */
    public static final int CALL_IS_BEING_FORWARDED = 181;
    /** 182 Queued. */
    public static final int QUEUED = 182;
    /** 183 Session Progress. */
    public static final int SESSION_PROGRESS = 183;
    /** 199 Early Dialog Terminated. */
    public static final int EARLY_DIALOG_TERMINATED = 199;
    /** 200 OK. */
    public static final int OK = 200;
    /** 202 Accepted. */
    public static final int ACCEPTED = 202;
    /** 204 No Notification. */
    public static final int NO_NOTIFICATION = 204;
    /** 300 Multiple Choices. */
    public static final int MULTIPLE_CHOICES = 300;
    /** 301 Moved Permanently. */
    public static final int MOVED_PERMANENTLY = 301;
    /** 302 Moved Temporarily. */
    public static final int MOVED_TEMPORARILY = 302;
    /** 305 Use Proxy. */
    public static final int USE_PROXY = 305;
    /** 380 Alternative Service. */
    public static final int ALTERNATIVE_SERVICE = 380;
    /** 400 Bad Request. */
    public static final int BAD_REQUEST = 400;
    /** 401 Unauthorized. */
    public static final int UNAUTHORIZED = 401;
    /** 402 Payment Required. */
    public static final int PAYMENT_REQUIRED = 402;
    /** 403 Forbidden. */
    public static final int FORBIDDEN = 403;
    /** 404 Not Found. */
    public static final int NOT_FOUND = 404;
    /** 405 Method Not Allowed. */
    public static final int METHOD_NOT_ALLOWED = 405;
    /** 406 Not Acceptable. */
    public static final int NOT_ACCEPTABLE = 406;
    /** 407 Proxy Authentication Required. */
    public static final int PROXY_AUTHENTICATION_REQUIRED = 407;
    /** 408 Request Timeout. */
    public static final int REQUEST_TIMEOUT = 408;
    /** 410 Gone. */
    public static final int GONE = 410;
    /** 412 Conditional Request Failed. */
    public static final int CONDITIONAL_REQUEST_FAILED = 412;
    /** 413 Request Entity Too Large. */
    public static final int REQUEST_ENTITY_TOO_LARGE = 413;
    /** 414 Request-URI Too Long. */
    public static final int REQUEST_URI_TOO_LONG = 414;
    /** 415 Unsupported Media Type. */
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;
    /** 416 Unsupported URI Scheme. */
    public static final int UNSUPPORTED_URI_SCHEME = 416;
    /** 417 Unknown Resource-Priority. */
    public static final int UNKNOWN_RESOURCE_PRIORITY = 417;
    /** 420 Bad Extension. */
    public static final int BAD_EXTENSION = 420;
    /** 421 Extension Required. */
    public static final int EXTENSION_REQUIRED = 421;
    /** 422 Session Interval Too Small. */
    public static final int SESSION_INTERVAL_TOO_SMALL = 422;
    /** 423 Interval Too Brief. */
    public static final int INTERVAL_TOO_BRIEF = 423;
    /** 428 Use Identity Header. */
    public static final int USE_IDENTITY_HEADER = 428;
    /** 429 Provide Referrer Identity. */
    public static final int PROVIDE_REFERRER_IDENTITY = 429;
    /** 430 Flow Failed. */
    public static final int FLOW_FAILED = 430;
    /** 433 Anonymity Disallowed. */
    public static final int ANONYMITY_DISALLOWED = 433;
    /** 436 Bad Identity-Info. */
    public static final int BAD_IDENTITY_INFO = 436;
    /** 437 Unsupported Certificate. */
    public static final int UNSUPPORTED_CERTIFICATE = 437;
    /** 438 Invalid Identity Header. */
    public static final int INVALID_IDENTITY_HEADER = 438;
    /** 439 First Hop Lacks Outbound Support. */
    public static final int FIRST_HOP_LACKS_OUTBOUND_SUPPORT = 439;
    /** 440 Max-Breadth Exceeded. */
    public static final int MAX_BREADTH_EXCEEDED = 440;
    /** 469 Bad Info Package. */
    public static final int BAD_INFO_PACKAGE = 469;
    /** 470 Consent Needed. */
    public static final int CONSENT_NEEDED = 470;
    /** 480 Temporarily Unavailable. */
    public static final int TEMPORARILY_UNAVAILABLE = 480;
    /** 481 Call/Transaction Does Not Exist. */
    public static final int CALL_OR_TRANSACTION_DOES_NOT_EXIST = 481;
    /** 482 Loop Detected. */
    public static final int LOOP_DETECTED = 482;
    /** 483 Too Many Hops. */
    public static final int TOO_MANY_HOPS = 483;
    /** 484 Address Incomplete. */
    public static final int ADDRESS_INCOMPLETE = 484;
    /** 485 Ambiguous. */
    public static final int AMBIGUOUS = 485;
    /** 486 Busy Here. */
    public static final int BUSY_HERE = 486;
    /** 487 Request Terminated. */
    public static final int REQUEST_TERMINATED = 487;
    /** 488 Not Acceptable Here. */
    public static final int NOT_ACCEPTABLE_HERE = 488;
    /** 489 Bad Event. */
    public static final int BAD_EVENT = 489;
    /** 491 Request Pending. */
    public static final int REQUEST_PENDING = 491;
    /** 493 Undecipherable. */
    public static final int UNDECIPHERABLE = 493;
    /** 494 Security Agreement Required. */
    public static final int SECURITY_AGREEMENT_REQUIRED = 494;
    /** 500 Server Internal Error. */
    public static final int SERVER_INTERNAL_ERROR = 500;
    /** 501 Not Implemented. */
    public static final int NOT_IMPLEMENTED = 501;
    /** 502 Bad Gateway. */
    public static final int BAD_GATEWAY = 502;
    /** 503 Service Unavailable. */
    public static final int SERVICE_UNAVAILABLE = 503;
    /** 504 Server Time-out. */
    public static final int SERVER_TIMEOUT = 504;
    /** 505 Version Not Supported. */
    public static final int VERSION_NOT_SUPPORTED = 505;
    /** 513 Message Too Large. */
    public static final int MESSAGE_TOO_LARGE = 513;
    /** 555 Push Notification Service Not Supported. */
    public static final int PUSH_NOTIFICATION_SERVICE_NOT_SUPPORTED = 555;
    /** 580 Precondition Failure. */
    public static final int PRECONDITION_FAILURE = 580;
    /** 600 Busy Everywhere. */
    public static final int BUSY_EVERYWHERE = 600;
    /** 603 Decline. */
    public static final int DECLINE = 603;
    /** 604 Does Not Exist Anywhere. */
    public static final int DOES_NOT_EXIST_ANYWHERE = 604;
    /** 606 Not Acceptable. */
    public static final int NOT_ACCEPTABLE_ANYWHERE = 606;
    /** 607 Unwanted. */
    public static final int UNWANTED = 607;
    /** 608 Rejected. */
    public static final int REJECTED = 608;

    private static final String[] PHRASES = new String[700];

    static {
        PHRASES[100] = "Trying";
        PHRASES[180] = "Ringing";
        PHRASES[181] = "Call Is Being Forwarded";
        PHRASES[182] = "Queued";
        PHRASES[183] = "Session Progress";
        PHRASES[199] = "Early Dialog Terminated";
        PHRASES[200] = "OK";
        PHRASES[202] = "Accepted";
        PHRASES[204] = "No Notification";
        PHRASES[300] = "Multiple Choices";
        PHRASES[301] = "Moved Permanently";
        PHRASES[302] = "Moved Temporarily";
        PHRASES[305] = "Use Proxy";
        PHRASES[380] = "Alternative Service";
        PHRASES[400] = "Bad Request";
        PHRASES[401] = "Unauthorized";
        PHRASES[402] = "Payment Required";
        PHRASES[403] = "Forbidden";
        PHRASES[404] = "Not Found";
        PHRASES[405] = "Method Not Allowed";
        PHRASES[406] = "Not Acceptable";
        PHRASES[407] = "Proxy Authentication Required";
        PHRASES[408] = "Request Timeout";
        PHRASES[410] = "Gone";
        PHRASES[412] = "Conditional Request Failed";
        PHRASES[413] = "Request Entity Too Large";
        PHRASES[414] = "Request-URI Too Long";
        PHRASES[415] = "Unsupported Media Type";
        PHRASES[416] = "Unsupported URI Scheme";
        PHRASES[417] = "Unknown Resource-Priority";
        PHRASES[420] = "Bad Extension";
        PHRASES[421] = "Extension Required";
        PHRASES[422] = "Session Interval Too Small";
        PHRASES[423] = "Interval Too Brief";
        PHRASES[428] = "Use Identity Header";
        PHRASES[429] = "Provide Referrer Identity";
        PHRASES[430] = "Flow Failed";
        PHRASES[433] = "Anonymity Disallowed";
        PHRASES[436] = "Bad Identity-Info";
        PHRASES[437] = "Unsupported Certificate";
        PHRASES[438] = "Invalid Identity Header";
        PHRASES[439] = "First Hop Lacks Outbound Support";
        PHRASES[440] = "Max-Breadth Exceeded";
        PHRASES[469] = "Bad Info Package";
        PHRASES[470] = "Consent Needed";
        PHRASES[480] = "Temporarily Unavailable";
        PHRASES[481] = "Call/Transaction Does Not Exist";
        PHRASES[482] = "Loop Detected";
        PHRASES[483] = "Too Many Hops";
        PHRASES[484] = "Address Incomplete";
        PHRASES[485] = "Ambiguous";
        PHRASES[486] = "Busy Here";
        PHRASES[487] = "Request Terminated";
        PHRASES[488] = "Not Acceptable Here";
        PHRASES[489] = "Bad Event";
        PHRASES[491] = "Request Pending";
        PHRASES[493] = "Undecipherable";
        PHRASES[494] = "Security Agreement Required";
        PHRASES[500] = "Server Internal Error";
        PHRASES[501] = "Not Implemented";
        PHRASES[502] = "Bad Gateway";
        PHRASES[503] = "Service Unavailable";
        PHRASES[504] = "Server Time-out";
        PHRASES[505] = "Version Not Supported";
        PHRASES[513] = "Message Too Large";
        PHRASES[555] = "Push Notification Service Not Supported";
        PHRASES[580] = "Precondition Failure";
        PHRASES[600] = "Busy Everywhere";
        PHRASES[603] = "Decline";
        PHRASES[604] = "Does Not Exist Anywhere";
        PHRASES[606] = "Not Acceptable";
        PHRASES[607] = "Unwanted";
        PHRASES[608] = "Rejected";
    }

    private StatusCodes() {
    }

    /**
     * The default reason phrase: the registered one for a known code, the class name
     * ("Informational", "Success", "Redirection", "Client Error", "Server Error", "Global Failure")
     * for an unknown code in 100-699, "Unknown" outside that range.
     */
    public static String reasonPhrase(int code) {
        if (code < 100 || code > 699) {
            return "Unknown";
        }
        String phrase = PHRASES[code];
        if (phrase != null) {
            return phrase;
        }
        return switch (code / 100) {
            case 1 -> "Informational";
            case 2 -> "Success";
            case 3 -> "Redirection";
            case 4 -> "Client Error";
            case 5 -> "Server Error";
            default -> "Global Failure";
        };
    }

    /** True when the code has its own entry in the table (not just a class default). */
    public static boolean isKnown(int code) {
        return code >= 100 && code <= 699 && PHRASES[code] != null;
    }

    /** True for 100-199 (RFC 3261 §7.2). */
    public static boolean isProvisional(int code) {
        return code >= 100 && code < 200;
    }

    /** True for 200-699 (RFC 3261 §7.2). */
    public static boolean isFinal(int code) {
        return code >= 200 && code <= 699;
    }
}
