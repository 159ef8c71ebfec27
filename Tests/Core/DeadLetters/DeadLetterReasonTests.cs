using System.Text;
using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Tests.Core.DeadLetters;

/// <summary>The reason categories of the dead-letter metric and counts, from the messages the codecs really throw.</summary>
public sealed class DeadLetterReasonTests
{
    private static string ReadingError(string payload) =>
        Assert.Throws<RecordFormatException>(() => WindReadingCodec.Decode(Encoding.UTF8.GetBytes(payload))).Message;

    private static string WindowError(string payload) =>
        Assert.Throws<RecordFormatException>(() => MaxSpeedWindowCodec.Decode(Encoding.UTF8.GetBytes(payload))).Message;

    [Theory]
    [InlineData("this is not json", DeadLetterReason.Malformed)]
    [InlineData("[1,2]", DeadLetterReason.Malformed)]
    [InlineData("""{"location":"Chicago","turbine":"CHI-01","timestamp":"2026-11-30T00:00:05Z","seq":5}""", DeadLetterReason.MissingField)]
    [InlineData("""{"location":"Chicago","turbine":"CHI-01","speed":"31","timestamp":"2026-11-30T00:00:05Z","seq":5}""", DeadLetterReason.InvalidField)]
    [InlineData("""{"location":"Chicago","turbine":"<img src=x>","speed":31,"timestamp":"2026-11-30T00:00:05Z","seq":5}""", DeadLetterReason.InvalidField)]
    [InlineData("""{"location":"Chicago","turbine":"CHI-01","speed":31,"timestamp":"yesterday","seq":5}""", DeadLetterReason.InvalidField)]
    public void A_reading_that_cannot_be_read_falls_in_its_category(string payload, string category) =>
        Assert.Equal(category, DeadLetterReason.Category(ReadingError(payload)));

    [Fact]
    public void An_oversized_reading_is_oversized() =>
        Assert.Equal(DeadLetterReason.Oversized, DeadLetterReason.Category(ReadingError("{\"location\":\"" + new string('a', 5000) + "\"}")));

    [Theory]
    [InlineData("\"Chicago\",12", DeadLetterReason.Malformed)]
    [InlineData("\"Chicago,12,2026-11-30T00:00:00Z,2026-11-30T00:01:00Z,3", DeadLetterReason.Malformed)]
    [InlineData("\"Chicago\",fast,2026-11-30T00:00:00Z,2026-11-30T00:01:00Z,3", DeadLetterReason.InvalidField)]
    public void A_window_that_cannot_be_read_falls_in_its_category(string payload, string category) =>
        Assert.Equal(category, DeadLetterReason.Category(WindowError(payload)));

    [Fact]
    public void Clock_and_late_readings_have_categories_of_their_own()
    {
        Assert.Equal(DeadLetterReason.Clock, DeadLetterReason.Category("Field 'timestamp' 2031-01-01T00:00:00.000Z is 1826 days after the reading arrived (2026-12-02T09:00:00.000Z); at most 5 minutes is accepted (Pipeline:EventTime:MaxAheadOfArrival). Check the sensor's clock."));
        Assert.Equal(DeadLetterReason.Late, DeadLetterReason.Category("Late reading: its window 2026-12-02T09:00:00.000Z of its location closed already (watermark 2026-12-02T09:02:00.000Z)."));
        Assert.Equal(DeadLetterReason.Other, DeadLetterReason.Category("something else entirely"));
    }
}
