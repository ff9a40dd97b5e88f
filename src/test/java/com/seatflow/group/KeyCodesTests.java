package com.seatflow.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class KeyCodesTests {

    @Test
    void codesAvoidLookAlikesAndCarryAtLeast128RandomBits() {
        assertThat(KeyCodes.ALPHABET).doesNotContain("0", "O", "1", "I", "L").hasSize(31);
        double bits = KeyCodes.LENGTH * Math.log(KeyCodes.ALPHABET.length()) / Math.log(2);
        assertThat(bits).isGreaterThanOrEqualTo(128);

        String code = KeyCodes.newCode();

        assertThat(code).matches("([" + KeyCodes.ALPHABET + "]{5}-){5}[" + KeyCodes.ALPHABET + "]{5}");
    }

    @Test
    void codesUseEveryLetterOfTheAlphabetAndDoNotRepeat() {
        Set<String> codes = new HashSet<>();
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = KeyCodes.newCode();
            codes.add(code);
            code.replace("-", "").chars().forEach(c -> seen.add((char) c));
        }

        assertThat(codes).hasSize(1000);
        assertThat(seen).hasSize(KeyCodes.ALPHABET.length());
    }

    @Test
    void aTypedCodeHashesTheSameWithoutDashesInLowerCaseAndWithSpaces() {
        String code = KeyCodes.newCode();

        assertThat(KeyCodes.hash(" " + code.toLowerCase().replace("-", " ") + "\t")).isEqualTo(KeyCodes.hash(code))
                .hasSize(64).doesNotContain(code);
        assertThat(KeyCodes.hash(KeyCodes.newCode())).isNotEqualTo(KeyCodes.hash(code));
    }
}
