package com.seatflow.workflow;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/** Makes Camunda's identity store hash passwords with bcrypt instead of its salted SHA-512 default. */
@Component
class BcryptPasswordPlugin extends AbstractProcessEnginePlugin {

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
    }
}
