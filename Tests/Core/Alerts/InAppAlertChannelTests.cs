using TurbineConsole.Pipeline.Alerts;

namespace TurbineConsole.Tests.Core.Alerts;

public sealed class InAppAlertChannelTests
{
    private static readonly AlertMessage s_message = new(TestIncidents.New("Chicago", new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void Its_name_is_inapp_as_stored_with_the_deliveries()
    {
        Assert.Equal("inapp", new InAppAlertChannel().Name);
    }

    [Fact]
    public async Task Sending_raises_Alerted_once_with_the_message_for_every_subscriber()
    {
        var channel = new InAppAlertChannel();
        var first = new List<AlertMessage>();
        var second = new List<AlertMessage>();
        channel.Alerted += first.Add;
        channel.Alerted += second.Add;

        await channel.SendAsync(s_message, CancellationToken.None);

        Assert.Same(s_message, Assert.Single(first));
        Assert.Same(s_message, Assert.Single(second));
    }

    [Fact]
    public async Task Sending_with_nobody_listening_succeeds()
    {
        var channel = new InAppAlertChannel();

        var send = channel.SendAsync(s_message, CancellationToken.None);
        await send;

        Assert.True(send.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_handler_that_unsubscribed_gets_nothing_more()
    {
        var channel = new InAppAlertChannel();
        var received = new List<AlertMessage>();
        channel.Alerted += received.Add;
        await channel.SendAsync(s_message, CancellationToken.None);

        channel.Alerted -= received.Add;
        await channel.SendAsync(s_message with { Incident = s_message.Incident with { Id = "other" } }, CancellationToken.None);

        Assert.Single(received);
    }
}
