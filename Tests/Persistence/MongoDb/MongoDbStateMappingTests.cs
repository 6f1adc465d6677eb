using Loans.Grains.Idempotency;
using Loans.Grains.Orders;
using Loans.Silo.Storage.MongoDb;
using Loans.Tests.Persistence.Conformance;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace Loans.Tests.Persistence.MongoDb;

/// <summary>How a grain state looks as a MongoDB document, and that reading it gives back the very same state. No server needed.</summary>
public class MongoDbStateMappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_loan_order_is_stored_as_ordinary_typed_fields_under_the_grain_id()
    {
        var state = SampleStates.Order(amount: 2000.00m);

        var document = MongoDbStateDocument.Create("loanorder/42", 1, state, Now, Guid.NewGuid());

        Assert.Equal("loanorder/42", document["_id"].AsString);
        Assert.Equal(1L, document["_etag"].AsInt64);
        Assert.Equal(Now.UtcDateTime, document["_createdAt"].ToUniversalTime());
        Assert.Equal(Now.UtcDateTime, document["_updatedAt"].ToUniversalTime());
        var order = document["order"].AsBsonDocument;
        Assert.Equal(BsonType.Decimal128, order["amount"].BsonType);
        Assert.Equal(new Decimal128(2000.00m), order["amount"].AsDecimal128);
        Assert.Equal("VERIFIED", order["status"].AsString);
        Assert.Equal(BsonType.DateTime, order["order_date"].BsonType);
        Assert.Equal(state.Order!.OrderDate.UtcDateTime.AddTicks(-(state.Order.OrderDate.Ticks % TimeSpan.TicksPerMillisecond)), order["order_date"].ToUniversalTime());
        Assert.Equal(state.Order.Id.ToString(), order["id"].AsString);
        var person = order["customer"]["person"].AsBsonDocument;
        Assert.Equal("Anna", person["name"].AsString);
        Assert.Equal("FEMALE", person["gender"].AsString);
        Assert.Equal("STUDENT", person["status"].AsString);
        Assert.Equal(new DateTime(1986, 11, 3, 0, 0, 0, DateTimeKind.Utc), person["date_of_birth"].ToUniversalTime());
        Assert.Equal(BsonType.Decimal128, order["promotions"][1]["discount"].BsonType);
        Assert.Equal("Loyal customer", order["promotions"][1]["name"].AsString);
    }

    [Fact]
    public void A_loan_order_reads_back_equal_after_a_trip_through_bson_bytes()
    {
        var state = SampleStates.Order();

        var read = RoundTrip(state);

        Assert.Equal(state.Order! with { Promotions = [] }, read.Order! with { Promotions = [] });
        Assert.Equal(state.Order.Promotions, read.Order.Promotions);
        Assert.Equal(SampleStates.Text(state), SampleStates.Text(read));
    }

    [Fact]
    public void An_offset_and_ticks_below_a_millisecond_survive_next_to_a_queryable_bson_date()
    {
        var state = SampleStates.Order();

        var document = MongoDbStateDocument.Create("loanorder/1", 1, state, Now, Guid.NewGuid());
        var read = RoundTrip(state);

        Assert.Equal("2026-11-29T03:14:15.9265358+02:00", document["_exact"]["order/order_date"].AsString);
        Assert.Equal(state.Order!.OrderDate, read.Order!.OrderDate);
        Assert.Equal(state.Order.OrderDate.Offset, read.Order.OrderDate.Offset);
    }

    [Fact]
    public void A_date_a_bson_date_holds_exactly_needs_no_exact_copy()
    {
        var state = new IdempotencyKeyState { RequestFingerprint = "f", OrderId = Guid.NewGuid(), ClaimedAt = Now.AddMilliseconds(123) };

        var document = MongoDbStateDocument.Create("idempotencykey/k", 1, state, Now, Guid.NewGuid());

        Assert.False(document.Contains("_exact"));
        Assert.Equal(BsonType.DateTime, document["claimed_at"].BsonType);
        Assert.Equal(state.ClaimedAt, RoundTrip(state).ClaimedAt);
    }

    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("2000.00")]
    [InlineData("0")]
    public void Decimals_keep_every_digit_and_their_scale(string text)
    {
        var amount = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var state = SampleStates.Order(amount: amount);

        var read = RoundTrip(state);

        Assert.Equal(amount, read.Order!.Amount);
        Assert.Equal(text, read.Order.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Null_members_are_stored_as_bson_null_and_read_back_as_null()
    {
        var empty = new LoanOrderState { Order = null };
        var unclaimed = new IdempotencyKeyState { RequestFingerprint = null };

        var document = MongoDbStateDocument.Create("loanorder/1", 1, empty, Now, Guid.NewGuid());

        Assert.True(document["order"].IsBsonNull);
        Assert.Null(RoundTrip(empty).Order);
        Assert.Null(RoundTrip(unclaimed).RequestFingerprint);
    }

    [Fact]
    public void Names_in_any_script_are_kept_as_they_were_written()
    {
        var state = SampleStates.Order(name: "Żaneta Łucja 李小龍 🙂");

        var document = MongoDbStateDocument.Create("loanorder/1", 1, state, Now, Guid.NewGuid());

        Assert.Equal("Żaneta Łucja 李小龍 🙂", document["order"]["customer"]["person"]["name"].AsString);
        Assert.Equal("Żaneta Łucja 李小龍 🙂", RoundTrip(state).Order!.Customer.Person.Name);
    }

    [Fact]
    public void A_set_of_ids_becomes_an_array_of_strings()
    {
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var state = new SyntheticOrdersState { OrderIds = [.. ids] };

        var document = MongoDbStateDocument.Create("syntheticorders/0", 1, state, Now, Guid.NewGuid());

        Assert.Equal(ids.Select(i => i.ToString()), document["order_ids"].AsBsonArray.Select(v => v.AsString));
        Assert.Equal(state.OrderIds, RoundTrip(state).OrderIds);
    }

    [Fact]
    public void A_dictionary_state_does_not_read_the_storage_own_fields_as_entries()
    {
        var state = new Dictionary<string, decimal> { ["pln"] = 1.5m, ["eur"] = 0.25m };

        var read = RoundTrip(state);

        Assert.Equal(state.OrderBy(e => e.Key), read.OrderBy(e => e.Key));
    }

    [Fact]
    public void An_update_bumps_the_etag_keeps_the_creation_date_and_revives_a_tombstone()
    {
        var update = MongoDbStateDocument.Update(5, SampleStates.Order(), Now, Guid.NewGuid());

        Assert.Equal(5L, update["$set"]["_etag"].AsInt64);
        Assert.False(update["$set"].AsBsonDocument.Contains("_createdAt"));
        Assert.True(update["$min"].AsBsonDocument.Contains("_createdAt"));
        Assert.True(update["$unset"].AsBsonDocument.Contains("_deleted"));
        Assert.Equal("VERIFIED", update["$set"]["order"]["status"].AsString);
    }

    [Fact]
    public void A_tombstone_keeps_the_etag_counting_and_no_state()
    {
        var tombstone = MongoDbStateDocument.Tombstone("loanorder/1", 4, Now, Guid.NewGuid());

        Assert.True(MongoDbStateDocument.IsTombstone(tombstone));
        Assert.Equal(4L, MongoDbStateDocument.EtagOf(tombstone));
        Assert.False(tombstone.Contains("order"));
    }

    private static T RoundTrip<T>(T state)
    {
        var bytes = MongoDbStateDocument.Create("grain/1", 1, state, Now, Guid.NewGuid()).ToBson();
        return MongoDbStateDocument.ReadState<T>(BsonSerializer.Deserialize<BsonDocument>(bytes));
    }
}
