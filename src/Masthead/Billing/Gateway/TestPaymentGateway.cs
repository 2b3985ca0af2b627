using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Billing.Gateway;

/// <summary>Card details typed into the built-in test-mode checkout page.</summary>
public sealed record TestCardInput(string Number, int ExpMonth, int ExpYear, string Cvc);

/// <summary>A token for <see cref="IPaymentGateway.AttachPaymentMethodAsync"/>, or why the card was refused
/// (keyed by field for inline messages: "Number", "Expiry", "Cvc").</summary>
public sealed record TokenizeResult(string? Token, string? Field, string? Error)
{
    public bool Succeeded => Token is not null;
}

/// <summary>The built-in gateway: no money moves. It follows Stripe's public test cards
/// (see Billing/README.md) so trials, renewals, declines and dunning run end to end on any machine.
/// Card numbers live only in memory between tokenize and attach; what is kept is brand, last four,
/// expiry, an HMAC fingerprint and what the test card does on a charge, in the database
/// (<see cref="TestPaymentMethod"/>), so renewals and retries after a restart decide as before.
/// Charges are idempotent per key, as Stripe's are. Through <see cref="ScopedTestGateway"/> (what the app's services
/// get) successful charges and refunds are kept in the database too (<see cref="TestCharge"/>, <see cref="TestRefund"/>),
/// so after a restart a refund of an unknown charge, or of more than is left of one, is still refused.
/// Used directly (unit tests, a bare instance) charges and refunds live in memory, and without <paramref name="scopes"/>
/// payment methods too.</summary>
public sealed class TestPaymentGateway(TimeProvider time, IServiceScopeFactory? scopes = null) : IPaymentGateway
{
    // The test cards are public; a fixed key makes a card's fingerprint stable across restarts.
    private static readonly byte[] FingerprintKey = Encoding.UTF8.GetBytes("masthead-test-gateway-fingerprint");

    private readonly ConcurrentDictionary<string, string> _tokens = new();
    private readonly ConcurrentDictionary<string, string> _methods = new();
    private readonly ConcurrentDictionary<string, ChargeResult> _charges = new();
    private readonly ConcurrentDictionary<string, long> _refundable = new();
    private readonly ConcurrentDictionary<string, RefundResult> _refunds = new();

    public const string GatewayName = "test";
    public string Name => GatewayName;
    public bool IsTestMode => true;

    /// <summary>Number of charges that succeeded (tests check nothing was charged).</summary>
    public int SuccessfulCharges => _charges.Values.Count(c => c.Succeeded);

    /// <summary>Validates a card like a card form would (Luhn, future expiry, 3-digit CVC, a Stripe test number).</summary>
    public TokenizeResult Tokenize(TestCardInput card)
    {
        var number = new string((card.Number ?? "").Where(c => c is not (' ' or '-')).ToArray());
        if (number.Length is < 12 or > 19 || !number.All(char.IsAsciiDigit) || !Luhn(number))
        {
            return new(null, "Number", "That card number is not valid. Check the digits and try again.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var year = card.ExpYear < 100 ? 2000 + card.ExpYear : card.ExpYear;
        if (card.ExpMonth is < 1 or > 12 || year < now.Year || (year == now.Year && card.ExpMonth < now.Month))
        {
            return new(null, "Expiry", "The expiry date must be in the future.");
        }
        if (card.Cvc is not { Length: 3 } || !card.Cvc.All(char.IsAsciiDigit))
        {
            return new(null, "Cvc", "The security code is the 3 digits on the back of the card.");
        }
        if (!TestCards.IsKnown(number))
        {
            return new(null, "Number", "This is test mode: use a Stripe test card number, such as 4242 4242 4242 4242.");
        }
        var token = "tok_test_" + Guid.NewGuid().ToString("n");
        _tokens[token] = $"{number}|{card.ExpMonth}|{year}";
        return new(token, null, null);
    }

    public Task<string> CreateCustomerAsync(string userId, string email, CancellationToken ct) =>
        Task.FromResult("cus_test_" + Guid.NewGuid().ToString("n")[..16]);

    public async Task<AttachResult> AttachPaymentMethodAsync(string customerId, string token, CancellationToken ct)
    {
        if (!_tokens.TryRemove(token, out var stored))
        {
            return new AttachResult(null, null, "invalid_token", "The card details have expired. Please enter them again.");
        }
        var parts = stored.Split('|');
        var number = parts[0];
        var decline = TestCards.AttachDecline(number);
        if (decline is not null) return new AttachResult(null, null, decline, TestCards.Message(decline));
        var method = "pm_test_" + Guid.NewGuid().ToString("n")[..16];
        var card = new CardSummary(TestCards.Brand(number), number[^4..], int.Parse(parts[1]), int.Parse(parts[2]), Fingerprint(number));
        var behaviour = TestCards.ChargeDecline(number) ?? TestCards.ChargeSucceeds;
        if (scopes is not null)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
            db.Add(new TestPaymentMethod
            {
                Id = method, CustomerId = customerId, Brand = card.Brand, Last4 = card.Last4, ExpMonth = card.ExpMonth, ExpYear = card.ExpYear,
                Fingerprint = card.Fingerprint, Behaviour = behaviour, CreatedAt = time.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(ct);
        }
        _methods[method] = behaviour;
        return new AttachResult(method, card, null, null);
    }

    /// <summary>What charges on this method do: from memory, else from the database (after a restart), read through
    /// <paramref name="ledger"/> when given; null when unknown.</summary>
    private async Task<string?> BehaviourAsync(string paymentMethodId, MastheadDb? ledger, CancellationToken ct)
    {
        if (_methods.TryGetValue(paymentMethodId, out var known)) return known;
        if (string.IsNullOrEmpty(paymentMethodId)) return null;
        if (ledger is not null) return await StoredBehaviourAsync(ledger, paymentMethodId, ct);
        if (scopes is null) return null;
        await using var scope = scopes.CreateAsyncScope();
        return await StoredBehaviourAsync(scope.ServiceProvider.GetRequiredService<MastheadDb>(), paymentMethodId, ct);
    }

    private async Task<string?> StoredBehaviourAsync(MastheadDb db, string paymentMethodId, CancellationToken ct)
    {
        var stored = await db.Set<TestPaymentMethod>().AsNoTracking().Where(m => m.Id == paymentMethodId).Select(m => m.Behaviour).FirstOrDefaultAsync(ct);
        if (stored is not null) _methods[paymentMethodId] = stored;
        return stored;
    }

    public async Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken ct)
    {
        if (_charges.TryGetValue(request.IdempotencyKey, out var earlier)) return earlier;
        var behaviour = await BehaviourAsync(request.PaymentMethodId, null, ct);
        return _charges.GetOrAdd(request.IdempotencyKey, _ =>
        {
            var result = Decide(behaviour);
            if (result.Succeeded) _refundable[result.ChargeId!] = request.Amount.Minor;
            return result;
        });
    }

    /// <summary>The charge recorded through <paramref name="ledger"/> (the caller's context: saved with its invoice).
    /// A key already charged, in this process or before a restart, answers with that charge.</summary>
    internal async Task<ChargeResult> ChargeAsync(ChargeRequest request, MastheadDb ledger, CancellationToken ct)
    {
        var key = request.IdempotencyKey;
        var earlier = ledger.Set<TestCharge>().Local.FirstOrDefault(c => c.IdempotencyKey == key)
            ?? await ledger.Set<TestCharge>().FirstOrDefaultAsync(c => c.IdempotencyKey == key, ct);
        if (earlier is not null) return new ChargeResult(earlier.Id, null, null);
        var result = Decide(await BehaviourAsync(request.PaymentMethodId, ledger, ct));
        _charges[key] = result;
        if (result.Succeeded)
        {
            ledger.Add(new TestCharge
            {
                Id = result.ChargeId!, IdempotencyKey = key, CustomerId = request.CustomerId, PaymentMethodId = request.PaymentMethodId,
                AmountMinor = request.Amount.Minor, Currency = request.Amount.Currency, CreatedAt = time.GetUtcNow().UtcDateTime,
            });
        }
        return result;
    }

    private static ChargeResult Decide(string? behaviour)
    {
        if (behaviour is null) return new ChargeResult(null, "no_payment_method", "There is no card on file.");
        if (behaviour != TestCards.ChargeSucceeds) return new ChargeResult(null, behaviour, TestCards.Message(behaviour));
        return new ChargeResult("ch_test_" + Guid.NewGuid().ToString("n")[..16], null, null);
    }

    public Task<RefundResult> RefundAsync(string chargeId, Money amount, string idempotencyKey, CancellationToken ct)
    {
        var result = _refunds.GetOrAdd(idempotencyKey, _ =>
        {
            // A bare instance knows only its own charges; an unknown one is allowed here (no money moves, no database).
            var left = _refundable.GetOrAdd(chargeId, amount.Minor);
            if (amount.Minor <= 0 || amount.Minor > left) return new RefundResult(null, "The refund is more than what is left of the charge.");
            _refundable[chargeId] = left - amount.Minor;
            return new RefundResult(NewRefundId(), null);
        });
        return Task.FromResult(result);
    }

    /// <summary>A refund checked against the stored charge and recorded through <paramref name="ledger"/> (saved with
    /// the invoice's refund). Unknown charges and more than what is left are refused, after a restart too.</summary>
    internal async Task<RefundResult> RefundAsync(string chargeId, Money amount, string idempotencyKey, MastheadDb ledger, CancellationToken ct)
    {
        if (await ledger.Set<TestRefund>().FindAsync([idempotencyKey], ct) is { } done) return new RefundResult(done.RefundId, null);
        if (await ledger.Set<TestCharge>().FindAsync([chargeId], ct) is not { } charge)
        {
            return new RefundResult(null, $"test mode has no charge {chargeId}, so there is nothing to refund.");
        }
        var left = new Money(charge.AmountMinor - charge.AmountRefundedMinor, charge.Currency);
        if (amount.Currency != charge.Currency) return new RefundResult(null, $"the charge was in {charge.Currency}, not {amount.Currency}.");
        if (amount.Minor <= 0 || amount.Minor > left.Minor)
        {
            return new RefundResult(null, $"the refund is more than what is left of the charge ({left.Format()}).");
        }
        charge.AmountRefundedMinor += amount.Minor;
        var refund = new TestRefund
        {
            IdempotencyKey = idempotencyKey, RefundId = NewRefundId(), ChargeId = chargeId, AmountMinor = amount.Minor, CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        ledger.Add(refund);
        return new RefundResult(refund.RefundId, null);
    }

    private static string NewRefundId() => "re_test_" + Guid.NewGuid().ToString("n")[..16];

    /// <summary>The test gateway behind <paramref name="gateway"/> (the card form needs it to tokenize), or null with Stripe.</summary>
    public static TestPaymentGateway? Of(IPaymentGateway gateway) => gateway switch
    {
        TestPaymentGateway test => test,
        ScopedTestGateway scoped => scoped.Gateway,
        _ => null,
    };

    public Task<CheckoutStart> BeginCheckoutAsync(CheckoutRequest request, CancellationToken ct) =>
        Task.FromResult(CheckoutStart.BuiltInPage);

    private static string Fingerprint(string number) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(FingerprintKey, Encoding.ASCII.GetBytes(number)))[..32];

    internal static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return sum % 10 == 0;
    }
}

/// <summary>Stripe's public test card numbers and what each does here.</summary>
public static class TestCards
{
    /// <summary>The <see cref="TestPaymentMethod.Behaviour"/> of a card whose charges go through.</summary>
    public const string ChargeSucceeds = "succeeds";

    public const string Succeeds = "4242424242424242";
    public const string ChargeFails = "4000000000000341";
    public const string Declined = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string Expired = "4000000000000069";
    public const string IncorrectCvc = "4000000000000127";

    public static bool IsKnown(string number) =>
        number is Succeeds or ChargeFails or Declined or InsufficientFunds or Expired or IncorrectCvc
            or "5555555555554444";

    /// <summary>Declines when the card is attached (checked like a card form or a $0 authorisation would).</summary>
    public static string? AttachDecline(string number) => number switch
    {
        Declined => "card_declined",
        Expired => "expired_card",
        IncorrectCvc => "incorrect_cvc",
        _ => null,
    };

    /// <summary>Declines on every charge of a card that attached fine.</summary>
    public static string? ChargeDecline(string number) => number switch
    {
        ChargeFails => "card_declined",
        InsufficientFunds => "insufficient_funds",
        _ => null,
    };

    public static string Brand(string number) => number[0] switch { '4' => "Visa", '5' => "Mastercard", '3' => "American Express", _ => "Card" };

    public static string Message(string code) => code switch
    {
        "card_declined" => "Your card was declined.",
        "insufficient_funds" => "Your card has insufficient funds.",
        "expired_card" => "Your card has expired.",
        "incorrect_cvc" => "Your card's security code is incorrect.",
        _ => "Your card could not be used.",
    };
}
