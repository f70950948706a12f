import os; exec(open(os.path.join(os.path.dirname(__file__), 'common.py')).read())
import sys
which=sys.argv[1]
feats=lambda t: data[t][3]
if which=='lr':
    mk=lambda c: LogisticRegression(C=c,class_weight='balanced',max_iter=2000)
    print(which, evaluate(mk,[.3,1,3,10],feats,verbose=True))
elif which=='gbm':
    mk=lambda c: GradientBoostingClassifier(n_estimators=c,max_depth=2,learning_rate=.1,subsample=.8,random_state=0)
    print(which, evaluate(mk,[50,150],feats,verbose=True))
elif which=='rf':
    mk=lambda c: RandomForestClassifier(n_estimators=300,min_samples_leaf=c,class_weight='balanced',random_state=0,n_jobs=1)
    print(which, evaluate(mk,[1,3],feats,verbose=True))
