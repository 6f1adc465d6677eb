using MongoDB.Bson;

namespace Loans.Silo.FeatureToggles.MongoDb;

/// <summary>
/// Whether a MongoDB deployment can run multi-document transactions, from its <c>hello</c> reply: a replica set
/// member (<c>setName</c>, even of one node) or a sharded cluster's router (<c>msg: "isdbgrid"</c>) can; a standalone
/// server cannot, and a change would then fail at its first write.
/// </summary>
internal static class MongoDbTransactionSupport
{
    public static bool Supported(BsonDocument hello) =>
        hello.Contains("setName") || (hello.TryGetValue("msg", out var msg) && msg.IsString && msg.AsString == "isdbgrid");

    public static string StandaloneMessage(string servers) =>
        $"FeatureToggles:Provider is MongoDb, which writes every toggle change with its audit record in one transaction, but MongoDB at {servers} "
        + "is a standalone server, which has no transactions. Run it as a replica set (one node will do: mongod --replSet rs0, then rs.initiate() once) "
        + $"and name it in {MongoDbFeatureToggleStoreOptions.ConnectionSectionName}:ConnectionString (?replicaSet=rs0).";
}
