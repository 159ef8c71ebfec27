using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Tests.Core.Configuration;

/// <summary>The message of a refused value as a person reads it.</summary>
public sealed class ExceptionExtensionsTests
{
    [Fact]
    public void The_parameter_name_is_dropped_and_the_message_kept_whole()
    {
        var e = new ArgumentException("Location Tulsa (Parameter test) has no policy.", "location");

        Assert.Equal("Location Tulsa (Parameter test) has no policy.", e.MessageWithoutParameter());
    }

    [Fact]
    public void A_message_without_a_parameter_is_left_as_it_is()
    {
        Assert.Equal("End must be in the future.", new ArgumentException("End must be in the future.").MessageWithoutParameter());
        Assert.Equal("The replay has ended.", new InvalidOperationException("The replay has ended.").MessageWithoutParameter());
    }
}
