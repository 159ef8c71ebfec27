using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Cluster;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Core.Alerts;
using TurbineConsole.Tests.Support;
using Xunit.Abstractions;

namespace TurbineConsole.Tests.Cluster;

/// <summary>
/// Results a worker's functions write reach every web process's change feed over Redis pub/sub (a real redis-server):
/// the dashboard of each web instance sees them as if they had been written in its own process.
/// </summary>
public sealed class ResultRelayTests(ITestOutputHelper output) : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public Task DisposeAsync()
    {
        _redis.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_item_a_worker_writes_reaches_the_change_feeds_of_two_web_processes_with_its_values()
    {
        var options = new ClusterOptions { Redis = _redis.Configuration, ClusterId = "relay-" + Guid.NewGuid().ToString("N") };
        using var workerRedis = new RedisConnection(options);
        using var webRedis1 = new RedisConnection(options);
        using var webRedis2 = new RedisConnection(options);
        var workerTables = new ObservableTableStore(new NullTables());
        var web1 = new ObservableTableStore(new NullTables());
        var web2 = new ObservableTableStore(new NullTables());
        var received1 = new TaskCompletionSource<(string Table, Item Item)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var received2 = new TaskCompletionSource<(string Table, Item Item)>(TaskCreationOptions.RunContinuationsAsynchronously);
        web1.ItemsWritten += (table, items) => received1.TrySetResult((table, items[0]));
        web2.ItemsWritten += (table, items) => received2.TrySetResult((table, items[0]));
        var publisher = new ResultPublisher(workerTables, workerRedis, NullLogger<ResultPublisher>.Instance);
        var subscriber1 = new ResultSubscriber(web1, new AlertStore(web1, "AlertsTable"), webRedis1, NullLogger<ResultSubscriber>.Instance);
        var subscriber2 = new ResultSubscriber(web2, new AlertStore(web2, "AlertsTable"), webRedis2, NullLogger<ResultSubscriber>.Instance);
        await publisher.StartAsync(default);
        await subscriber1.StartAsync(default);
        await subscriber2.StartAsync(default);
        var item = new Item { ["location"] = "Site <A>", ["speed"] = 12.345678901234, ["flag"] = true, ["none"] = AttributeValue.Null };

        var written = Stopwatch.StartNew();
        await workerTables.PutItemAsync("WindDataTable", item);
        var first = await received1.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var second = await received2.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var elapsed = written.Elapsed;

        output.WriteLine($"written to both web processes' change feeds in {elapsed.TotalMilliseconds:F1} ms");
        foreach (var (table, got) in new[] { first, second })
        {
            Assert.Equal("WindDataTable", table);
            Assert.Equal(item.OrderBy(a => a.Key), got.OrderBy(a => a.Key));
        }
    }

    [Fact]
    public async Task An_incident_and_its_in_app_notification_from_a_worker_reach_the_alert_lists_of_two_web_processes_once()
    {
        var options = new ClusterOptions { Redis = _redis.Configuration, ClusterId = "inapp-" + Guid.NewGuid().ToString("N") };
        using var workerRedis = new RedisConnection(options);
        var workerTables = new ObservableTableStore(new NullTables());
        var workerAlerts = new AlertStore(workerTables, "AlertsTable");
        var workerInApp = new InAppAlertChannel();
        var resultPublisher = new ResultPublisher(workerTables, workerRedis, NullLogger<ResultPublisher>.Instance);
        var inAppPublisher = new InAppPublisher(workerInApp, workerRedis, NullLogger<InAppPublisher>.Instance);
        await resultPublisher.StartAsync(default);
        await inAppPublisher.StartAsync(default);
        var webs = new List<(ConcurrentQueue<Incident> Changed, ConcurrentQueue<AlertMessage> Alerted)>();
        var connections = new List<RedisConnection>();
        for (var i = 0; i < 2; i++)
        {
            var redis = new RedisConnection(options);
            connections.Add(redis);
            var tables = new ObservableTableStore(new NullTables());
            var alerts = new AlertStore(tables, "AlertsTable");
            var inApp = new InAppAlertChannel();
            var web = (Changed: new ConcurrentQueue<Incident>(), Alerted: new ConcurrentQueue<AlertMessage>());
            alerts.Changed += web.Changed.Enqueue;
            inApp.Alerted += web.Alerted.Enqueue;
            webs.Add(web);
            await new ResultSubscriber(tables, alerts, redis, NullLogger<ResultSubscriber>.Instance).StartAsync(default);
            await new InAppSubscriber(inApp, redis, NullLogger<InAppSubscriber>.Instance).StartAsync(default);
        }
        var incident = TestIncidents.New("Site <A> & \"B\"", DateTimeOffset.UtcNow) with { Severity = IncidentSeverity.Critical };

        var written = Stopwatch.StartNew();
        Assert.True(await workerAlerts.TryCreateAsync(incident));
        await workerInApp.SendAsync(new AlertMessage(incident, AlertNotice.Escalation), default);
        await Eventually.WaitUntilAsync(() => Task.FromResult(webs.All(w => !w.Changed.IsEmpty && !w.Alerted.IsEmpty)), "both web processes have the incident and the notification");
        var elapsed = written.Elapsed;
        await Task.Delay(300);

        output.WriteLine($"incident and in-app notification on both web processes in {elapsed.TotalMilliseconds:F1} ms");
        foreach (var (changed, alerted) in webs)
        {
            var shown = Assert.Single(changed);
            Assert.Equal((incident.Location, incident.Id, IncidentSeverity.Critical), (shown.Location, shown.Id, shown.Severity));
            var notification = Assert.Single(alerted);
            Assert.Equal(AlertNotice.Escalation, notification.Notice);
            Assert.Equal(IncidentItem.From(incident).OrderBy(a => a.Key), IncidentItem.From(notification.Incident).OrderBy(a => a.Key));
        }
        foreach (var connection in connections)
            connection.Dispose();
    }

    [Fact]
    public void An_in_app_message_that_is_cut_short_names_no_notice_or_holds_no_incident_is_refused_with_a_format_error()
    {
        var message = InAppMessage.Write(new AlertMessage(TestIncidents.New("Chicago", DateTimeOffset.UtcNow), AlertNotice.Reminder));

        Assert.Equal(AlertNotice.Reminder, InAppMessage.Read(message).Notice);
        Assert.Throws<FormatException>(() => InAppMessage.Read([]));
        Assert.Throws<FormatException>(() => InAppMessage.Read([9, .. message[1..]]));
        Assert.Throws<FormatException>(() => InAppMessage.Read(message.AsSpan(0, message.Length - 1)));
        Assert.Throws<FormatException>(() => InAppMessage.Read([(byte)AlertNotice.Raised, .. ItemCodec.Encode(new Item { ["location"] = "Chicago" })]));
    }

    [Fact]
    public void A_message_that_is_not_a_results_message_is_refused_with_a_format_error()
    {
        Assert.Throws<FormatException>(() => ResultMessage.Read("{\"table\":\"T\",\"items\":[{\"a\":{\"X\":1}}]}"u8));
        Assert.Throws<FormatException>(() => ResultMessage.Read("not json"u8));
    }

    [Fact]
    public void A_message_holds_every_item_of_a_write_with_the_types_of_its_attributes()
    {
        Item[] items =
        [
            new() { ["location"] = "Site <A>", ["speed"] = 0.1 + 0.2, ["flag"] = false },
            new() { ["location"] = "Ørsted 2", ["speed"] = -1e300, ["none"] = AttributeValue.Null },
            new(),
        ];

        var (table, read) = ResultMessage.Read(ResultMessage.Write("WindDataTable", items));

        Assert.Equal("WindDataTable", table);
        Assert.Equal(items.Length, read.Count);
        for (var i = 0; i < items.Length; i++)
            Assert.Equal(items[i].OrderBy(a => a.Key), read[i].OrderBy(a => a.Key));
    }

    [Fact]
    public void A_message_cut_short_or_with_bytes_after_its_items_is_refused_with_a_format_error()
    {
        var message = ResultMessage.Write("WindDataTable", [new Item { ["location"] = "Site A", ["speed"] = 12.5 }]);

        for (var length = 0; length < message.Length; length++)
            Assert.Throws<FormatException>(() => ResultMessage.Read(message.AsSpan(0, length)));
        Assert.Throws<FormatException>(() => ResultMessage.Read([.. message, 0]));
    }

    [Fact]
    public void A_message_that_counts_more_items_than_it_holds_is_refused_before_anything_is_allocated_for_them()
    {
        // Table "T", then a count of 2^28 - 1 items, then nothing.
        byte[] message = [1, (byte)'T', 0xFF, 0xFF, 0xFF, 0x7F];

        var error = Assert.Throws<FormatException>(() => ResultMessage.Read(message));

        Assert.Contains("268435455", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A table store that accepts every write and holds nothing: only the change feed matters here.</summary>
    private sealed class NullTables : ITableStore
    {
        public Task CreateTableAsync(TableSchema schema, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<int> DeleteItemsBeforeAsync(string tableName, string sortKeyBefore, int limit, CancellationToken cancellationToken = default) => Task.FromResult(0);

        public Task<TableSchema?> DescribeTableAsync(string tableName, CancellationToken cancellationToken = default) => Task.FromResult<TableSchema?>(null);

        public Task PutItemAsync(string tableName, Item item, PutCondition? condition = null, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task PutItemsAsync(string tableName, IReadOnlyList<Item> items, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<Item?> GetItemAsync(string tableName, ItemKey key, CancellationToken cancellationToken = default) => Task.FromResult<Item?>(null);

        public Task DeleteItemAsync(string tableName, ItemKey key, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<ItemPage> QueryAsync(string tableName, TableQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ItemPage> ScanAsync(string tableName, int limit = 100, ItemKey? exclusiveStartKey = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
