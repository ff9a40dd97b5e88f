package com.seatflow.workflow;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyLengthRuleImpl;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

import com.seatflow.platform.PasswordRule;

/**
 * Passwords in Camunda's identity store (the users of the Tasklist and the API): hashed with bcrypt instead of
 * Camunda's salted SHA-512, and held to Seatflow's password rule wherever a webapp sets one (the password change of
 * the Welcome app, Admin's user form): without a policy Camunda takes any password, three letters included.
 */
@Component
class CamundaPasswordsPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        var bcrypt = new BCryptPasswordEncoder();
        configuration.setPasswordEncryptor(new PasswordEncryptor() {
            @Override
            public String encrypt(String password) {
                return bcrypt.encode(password);
            }

            @Override
            public boolean check(String password, String encrypted) {
                return bcrypt.matches(password, encrypted);
            }

            @Override
            public String hashAlgorithmName() {
                return "BCRYPT";
            }
        });
        configuration.setEnablePasswordPolicy(true);
        configuration.setPasswordPolicy(seatflowRule());
    }

    private static PasswordPolicy seatflowRule() {
        PasswordPolicyRule notTooLong = new PasswordPolicyRule() {
            @Override
            public String getPlaceholder() {
                // the webapps show a rule's placeholder through their translations; an unknown one is shown as it is
                return "At most " + PasswordRule.MAX_BYTES + " bytes (about " + PasswordRule.MAX_BYTES + " letters)";
            }

            @Override
            public Map<String, String> getParameters() {
                return Map.of("maxBytes", Integer.toString(PasswordRule.MAX_BYTES));
            }

            @Override
            public boolean execute(String password) {
                return !PasswordRule.isTooLong(password);
            }
        };
        List<PasswordPolicyRule> rules = List.of(new PasswordPolicyLengthRuleImpl(PasswordRule.MIN_LENGTH), notTooLong);
        return () -> rules;
    }
}
