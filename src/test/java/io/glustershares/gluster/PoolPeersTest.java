package io.glustershares.gluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The peers in {@code pool list}, as the estate's glusterd 10.3 prints them. */
class PoolPeersTest {

  @Test
  void theOtherServersAreTheEntriesOtherThanLocalhost() throws Exception {
    GlusterXml.Envelope east = GlusterXml.parse(Fixtures.read("estate-pool-list.xml"));
    GlusterXml.Envelope west = GlusterXml.parse(Fixtures.read("estate-pool-list-west.xml"));

    assertThat(PoolPeers.others(HealthXml.peers(east))).containsExactly("east-2", "east-3");
    assertThat(PoolPeers.others(HealthXml.peers(west))).containsExactly("west-2");
  }

  @Test
  void aHostileReplyIsBoundedAndOnlyHostNamesAreContacted() throws Exception {
    StringBuilder xml =
        new StringBuilder("<cliOutput><opRet>0</opRet><opErrno>0</opErrno><peerStatus>");
    for (int i = 0; i < 1000; i++) {
      xml.append("<peer><hostname>n").append(i).append("</hostname></peer>");
    }
    xml.append("</peerStatus></cliOutput>");

    assertThat(PoolPeers.others(HealthXml.peers(GlusterXml.parse(xml.toString()))))
        .hasSize(PoolPeers.MAX_PEERS);
    assertThat(PoolPeers.isHostName("east-2")).isTrue();
    assertThat(PoolPeers.isHostName("10.214.3.12")).isTrue();
    assertThat(PoolPeers.isHostName("fd00::12")).isTrue();
    assertThat(PoolPeers.isHostName("-oProxyCommand=sh")).isFalse();
    assertThat(PoolPeers.isHostName("east-2; rm -rf /")).isFalse();
    assertThat(PoolPeers.isHostName("east\n2")).isFalse();
    assertThat(PoolPeers.isHostName("")).isFalse();
  }
}
