using SciCurate.DomainFilter.Web.Extraction;

namespace SciCurate.DomainFilter.Tests.Web;

/// <summary>
/// A log-in dialog written out in full on a short page (a video with a two-sentence description) is not its content:
/// the box a button controls that holds a password field goes, however much of the page's text it holds.
/// A small hand-written page.
/// </summary>
public sealed class LoginPanelsTests
{
    private readonly DensityContentExtractor _extractor = new();

    private const string Description = "The city is the centre of the outbreak in the country. Sport has come to a standstill as well, and the leagues' sympathy is great. How the seasons go on from here, nobody can say yet.";

    [Fact]
    public void Extract_TakesTheVideoDescription_NotTheLogInDialogAButtonOpens()
    {
        var html = $"""
            <html><head><title>Sport in times of the outbreak</title></head><body>
            <header><button type="button" aria-controls="login-dialog">Sign in</button></header>
            <main><div class="video-teaser"><div class="player"></div>
              <div class="details"><h1>Sport in times of the outbreak</h1><p class="description">{Description}</p></div></div></main>
            <div id="login-dialog" class="b-dialog x-dialog-login">
              <section class="login-area"><h2>My account, sign in</h2><p>Sign in with your account, and we remember where you paused, what you liked and which shows you follow.</p>
                <form action="#"><p>Please fill in all the fields marked with a star, then press the button below.</p>
                  <p>This e-mail address does not seem right: it must hold an @, and a domain that exists, such as example.org.</p>
                  <p>There is no account for this e-mail address, or the password is wrong; please try again, or reset it.</p>
                  <label>E-mail <input type="email" name="email"></label><label>Password <input type="password" name="password"></label>
                  <button type="submit">Sign in</button></form></section>
              <section class="register-area"><h2>My account, register</h2><p>With a free account you can watch, on any of your devices, from where you stopped, and keep a list of favourites.</p>
                <p>Registering takes a minute: your e-mail address, a password of eight characters or more, and a nickname.</p>
                <p>We send you an e-mail with a link to confirm, and you are signed in once you have followed it, on any device.</p></section>
            </div>
            </body></html>
            """;

        var text = _extractor.Extract(html, null).Text;

        Assert.Contains("nobody can say yet", text);
        Assert.DoesNotContain("Registering takes a minute", text);
    }
}
